package dev.binlogfc.source.canal.config;

import dev.binlogfc.common.config.EnumeratedSetting;

/** The names {@code sync.types} lists; {@link SyncTypes} says which combinations DTS offers. */
public enum SyncType implements EnumeratedSetting {
    /** A copy of the existing rows. */
    FULL,
    /** The changes, from the binlog. */
    INCREMENTAL
}
