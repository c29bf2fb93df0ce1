package dev.binlogfc.sink.fc.delivery;

import java.util.Set;

/**
 * What a record changes, for key-ordered delivery: rows of one table named by their keys ({@link Scope#KEYS}; an
 * UPDATE that changes the primary key names its old and its new key), a whole table (a DDL, or a row without a
 * key), or everything in the partition (a DDL naming no table). {@code keys} are qualified with the table.
 */
record RecordFootprint(Scope scope, String table, Set<String> keys) {

    enum Scope { KEYS, TABLE, PARTITION }

    static RecordFootprint keys(String table, Set<String> keys) {
        return new RecordFootprint(Scope.KEYS, table, Set.copyOf(keys));
    }

    static RecordFootprint table(String table) {
        return new RecordFootprint(Scope.TABLE, table, Set.of());
    }

    static RecordFootprint partition() {
        return new RecordFootprint(Scope.PARTITION, "", Set.of());
    }
}
