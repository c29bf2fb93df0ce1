package dev.binlogfc.examples.function;

/** The {@code type} of a Canal record. */
public enum ChangeType {
    /** A row of the full copy. */
    INIT,
    INSERT,
    UPDATE,
    DELETE,
    /** A schema change; the statement is in {@code sql}. */
    DDL
}
