package dev.binlogfc.source.canal.config;

import dev.binlogfc.common.config.EnumeratedSetting;

/** The kind of source database, which decides the Debezium connector that reads it and its SSL vocabulary. */
public enum SourceType implements EnumeratedSetting {
    MYSQL("disabled", "required"),
    MARIADB("disable", "trust");

    private final String unencryptedSslMode;
    private final String encryptedSslMode;

    SourceType(String unencryptedSslMode, String encryptedSslMode) {
        this.unencryptedSslMode = unencryptedSslMode;
        this.encryptedSslMode = encryptedSslMode;
    }

    /**
     * Debezium's {@code database.ssl.mode} for DTS's "Non-encrypted" or "SSL-encrypted": the two connectors spell
     * the modes differently, and "SSL-encrypted" encrypts without verifying the server certificate, as DTS does.
     */
    public String sslMode(boolean encrypted) {
        return encrypted ? encryptedSslMode : unencryptedSslMode;
    }
}
