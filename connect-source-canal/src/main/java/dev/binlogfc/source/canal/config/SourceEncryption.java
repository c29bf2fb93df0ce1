package dev.binlogfc.source.canal.config;

import dev.binlogfc.common.config.EnumeratedSetting;

/** The connection to the source database as DTS offers it (source.encryption). */
public enum SourceEncryption implements EnumeratedSetting {
    /** DTS's Non-encrypted. */
    NONE,
    /** DTS's SSL-encrypted: encrypted, the server certificate not verified. */
    SSL
}
