package dev.binlogfc.source.canal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of change DTS lets a task deliver, with the Debezium operation code that a DML kind maps to. */
public enum SyncOperation {
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

    static String[] configValues() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }

    static SyncOperation of(String configValue) {
        return valueOf(configValue.trim().toUpperCase(Locale.ROOT));
    }
}
