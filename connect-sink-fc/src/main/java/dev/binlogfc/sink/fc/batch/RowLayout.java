package dev.binlogfc.sink.fc.batch;

/**
 * What a scan of one row's JSON object found: where its top-level {@code ts} value and closing brace are, and the
 * few top-level fields the sink reads. A later top-level duplicate of a field replaces an earlier one, as JSON
 * readers that accept duplicate names keep the last.
 */
final class RowLayout {

    static final int NO_TS = -1;

    int tsStart = NO_TS;
    int tsEnd = NO_TS;
    /** Index of the object's closing brace, where an appended {@code ts} goes. */
    int closingBrace;
    boolean empty = true;
    /** The top-level {@code type} when it is a string, else null. */
    String type;
    /** The top-level {@code es} when it is an integer that fits a long, else -1. */
    long sourceTimeMillis = -1;
    /** The top-level {@code database} when it is a string, else "". */
    String database = "";
    /** The top-level {@code table} when it is a string, else "". */
    String table = "";

    /** Every field, so that tests can compare two layouts in one assertion and show both. */
    @Override
    public String toString() {
        return "ts " + tsStart + ".." + tsEnd + ", } at " + closingBrace + ", empty " + empty + ", type " + type
            + ", es " + sourceTimeMillis + ", database " + database + ", table " + table;
    }
}
