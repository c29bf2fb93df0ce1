package dev.binlogfc.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the few fields the benchmark needs from each Canal record of a {@code {"Records":[...]}} body by searching
 * its bytes, as {@link TopicProbe} reads Debezium's events for the ceiling: measuring either path then costs about
 * the same. It relies on what the benchmark controls: the field order the Canal SMT writes ({@code isDdl}, then
 * {@code type}, {@code es}, {@code data}) and the {@link BenchTable} row, whose {@code id} and {@code version}
 * columns hold digits and whose other values contain no quoted field names.
 */
final class CanalBatchScanner {

    private static final byte[] RECORD = bytes("\"isDdl\":");
    private static final byte[] TYPE = bytes("\"type\":\"");
    private static final byte[] SOURCE_TIME = bytes("\"es\":");
    private static final byte[] DATA = bytes("\"data\":");
    private static final byte[] ROW_ID = bytes("\"id\":\"");
    private static final byte[] ROW_VERSION = bytes("\"version\":\"");

    /** What one record holds: the row's {@code id} and {@code version} columns, its type and {@code es}. */
    interface RecordVisitor {
        void record(long id, long version, String type, long es);
    }

    private CanalBatchScanner() {
    }

    static void scan(byte[] body, RecordVisitor visitor) {
        int at = indexOf(body, RECORD, 0);
        while (at >= 0) {
            int type = after(body, TYPE, at);
            int typeEnd = indexOf(body, '"', type);
            int sourceTime = after(body, SOURCE_TIME, typeEnd);
            int data = after(body, DATA, sourceTime);
            boolean hasRow = body[data] == '[';
            long id = hasRow ? digits(body, after(body, ROW_ID, data)) : 0;
            long version = hasRow ? digits(body, after(body, ROW_VERSION, data)) : 0;
            visitor.record(id, version, new String(body, type, typeEnd - type, StandardCharsets.UTF_8),
                    digits(body, sourceTime));
            at = indexOf(body, RECORD, data);
        }
    }

    private static int after(byte[] body, byte[] label, int from) {
        int found = indexOf(body, label, from);
        if (found < 0) {
            throw new IllegalStateException("A Canal record without " + new String(label, StandardCharsets.UTF_8)
                    + " after byte " + from + ": not a record the Canal SMT wrote");
        }
        return found + label.length;
    }

    private static long digits(byte[] body, int from) {
        long value = 0;
        for (int i = from; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
            value = value * 10 + (body[i] - '0');
        }
        return value;
    }

    private static int indexOf(byte[] body, byte[] label, int from) {
        for (int i = indexOf(body, label[0], from); i >= 0 && i <= body.length - label.length;
             i = indexOf(body, label[0], i + 1)) {
            if (Arrays.equals(body, i, i + label.length, label, 0, label.length)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] body, int value, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
