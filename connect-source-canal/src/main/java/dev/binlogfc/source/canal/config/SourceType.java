package dev.binlogfc.source.canal.config;

import java.util.Arrays;
import java.util.Locale;

/** The kind of source database, which decides the Debezium connector that reads it and its SSL vocabulary. */
public enum SourceType {
    MYSQL("disabled", "required"),
    MARIADB("disable", "trust");

    private final String unencryptedSslMode;
    private final String encryptedSslMode;

    SourceType(String unencryptedSslMode, String encryptedSslMode) {
        this.unencryptedSslMode = unencryptedSslMode;
        this.encryptedSslMode = encryptedSslMode;
    }

    /** The value of {@code source.type} naming this type. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Debezium's {@code database.ssl.mode} for DTS's "Non-encrypted" or "SSL-encrypted": the two connectors spell
     * the modes differently, and "SSL-encrypted" encrypts without verifying the server certificate, as DTS does.
     */
    public String sslMode(boolean encrypted) {
        return encrypted ? encryptedSslMode : unencryptedSslMode;
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(SourceType::configValue).toArray(String[]::new);
    }

    static SourceType of(String configValue) {
        return valueOf(configValue.toUpperCase(Locale.ROOT));
    }
}
