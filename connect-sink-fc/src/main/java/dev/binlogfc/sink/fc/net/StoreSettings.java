package dev.binlogfc.sink.fc.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** A key or trust store file: its path, type (PKCS12, JKS) and password; the password is never shown. */
public record StoreSettings(Path location, String type, String password) {

    KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(location)) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }

    @Override
    public String toString() {
        return type + " store " + location;
    }
}
