package dev.binlogfc.source.canal.config;

import dev.binlogfc.common.config.EnumeratedSetting;
import java.util.Optional;

/** The kinds of change DTS lets a task deliver, with the Debezium operation code that a DML kind maps to. */
public enum SyncOperation implements EnumeratedSetting {
    INSERT("c"),
    UPDATE("u"),
    DELETE("d"),
    /** Schema changes, delivered as Canal records of type DDL (Debezium's schema change events). */
    DDL(null);

    private final String debeziumOperation;

    SyncOperation(String debeziumOperation) {
        this.debeziumOperation = debeziumOperation;
    }

    /** Debezium's code for this DML kind in {@code skipped.operations}; empty for DDL. */
    public Optional<String> debeziumOperation() {
        return Optional.ofNullable(debeziumOperation);
    }
}
