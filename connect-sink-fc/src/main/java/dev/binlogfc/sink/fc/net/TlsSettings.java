package dev.binlogfc.sink.fc.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the connector's HTTPS connections authenticate: the certificates it trusts ({@code truststore} null: the
 * JVM's), the certificate it presents for mutual TLS ({@code keystore} null: none), and whether the server's host
 * name must match its certificate.
 */
public record TlsSettings(StoreSettings truststore, StoreSettings keystore, String keyPassword,
                          boolean hostnameVerification) {

    public static final TlsSettings JVM = new TlsSettings(null, null, null, true);

    /** The SSL context of these settings; {@code null} when they name no store, so that the JVM's default applies. */
    SSLContext sslContext() throws IOException, GeneralSecurityException {
        if (truststore == null && keystore == null) {
            return null;
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(truststore == null ? null : truststore.load());
        KeyManagerFactory keys = null;
        if (keystore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            String password = keyPassword != null ? keyPassword : keystore.password();
            KeyStore store = keystore.load();
            keys.init(store, password == null ? null : password.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    @Override
    public String toString() {
        return "trusting " + (truststore == null ? "the JVM's trust store" : truststore.toString())
            + (keystore == null ? "" : ", presenting the certificate of " + keystore)
            + (hostnameVerification ? "" : ", host names NOT verified");
    }
}
