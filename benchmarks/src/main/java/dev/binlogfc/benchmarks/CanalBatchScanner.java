package dev.binlogfc.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the benchmark needs from each Canal record of a {@code {"Records":[...]}} body by searching
 * its bytes, as {@link TopicProbe} reads Debezium's events for the ceiling: measuring either path then costs about
 * the same. It relies on what the benchmark controls: the field order the Canal SMT writes ({@code isDdl}, then
 * {@code type}, {@code es}, {@code data}) and the {@link BenchTable} row, whose {@code id} and {@code version}
 * columns hold digits and whose other values contain no quoted field names.
 */
final class CanalBatchScanner {

    private static final String RECORD = "\"isDdl\":";
    private static final String TYPE = "\"type\":\"";
    private static final String SOURCE_TIME = "\"es\":";
    private static final String DATA = "\"data\":";
    private static final String ROW_ID = "\"id\":\"";
    private static final String ROW_VERSION = "\"version\":\"";

    /** What one record holds: the row's {@code id} and {@code version} columns, its type and {@code es}. */
    interface RecordVisitor {
        void record(long id, long version, String type, long es);
    }

    private CanalBatchScanner() {
    }

    static void scan(byte[] body, RecordVisitor visitor) {
        // One char per byte, so that positions are the body's and String.indexOf (vectorized) does the searching,
        // as TopicProbe's does on the ceiling's events. The labels and the values read are ASCII.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(RECORD);
        while (at >= 0) {
            int type = after(text, TYPE, at);
            int typeEnd = text.indexOf('"', type);
            int sourceTime = after(text, SOURCE_TIME, typeEnd);
            int data = after(text, DATA, sourceTime);
            boolean hasRow = text.charAt(data) == '[';
            long id = hasRow ? digits(text, after(text, ROW_ID, data)) : 0;
            long version = hasRow ? digits(text, after(text, ROW_VERSION, data)) : 0;
            visitor.record(id, version, text.substring(type, typeEnd), digits(text, sourceTime));
            at = text.indexOf(RECORD, data);
        }
    }

    private static int after(String text, String label, int from) {
        int found = text.indexOf(label, from);
        if (found < 0) {
            throw new IllegalStateException("A Canal record without " + label + " after byte " + from
                    + ": not a record the Canal SMT wrote");
        }
        return found + label.length();
    }

    private static long digits(String text, int from) {
        long value = 0;
        for (int i = from; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
