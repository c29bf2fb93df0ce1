package dev.binlogfc.sink.fc.config;

import dev.binlogfc.common.config.EnumeratedSetting;

/**
 * File formats of the trust and key stores (http.ssl.truststore.type, http.ssl.keystore.type); each constant's name
 * is Java's KeyStore type, which earlier versions took as the setting's value.
 */
enum StoreType implements EnumeratedSetting {
    PKCS12,
    JKS
}
