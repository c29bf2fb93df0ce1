package dev.binlogfc.source.canal.format;

/**
 * How one column's non-null values become text. Chosen once per column of a table version (see
 * {@link ColumnValueRenderer#forColumn}), so a row pays for its values, not for working out their types again.
 */
@FunctionalInterface
interface ColumnText {

    /** @param value a non-null value of the column, as Debezium gives it */
    String of(Object value);
}
