package dev.binlogfc.sink.fc.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the head of a partition's queue into one {@code {"Records":[...]}} body within {@link BatchLimits}. The
 * batch is built when its delivery starts, so that every row's {@code ts} is that moment. Records without a row
 * (tombstones, records sent to the dead-letter queue) are not in the body but are covered by the batch, so that
 * their offsets count as done with the rows around them.
 */
public final class BatchBuilder {

    private static final byte[] PREFIX = "{\"Records\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);
    static final int WRAPPER_BYTES = PREFIX.length + SUFFIX.length;

    /**
     * The batch at the head of {@code queue}: as many records as fit {@code limits}; the first row is always taken
     * ({@link RecordPreparer} made sure it fits on its own).
     */
    public Batch build(Iterable<PendingRecord> queue, BatchLimits limits, long deliveryStartMillis) {
        byte[] ts = Long.toString(deliveryStartMillis).getBytes(StandardCharsets.US_ASCII);
        List<PendingRecord> covered = new ArrayList<>();
        List<JsonRow> rows = new ArrayList<>();
        BatchCost.Builder cost = new BatchCost.Builder();
        int bodyBytes = WRAPPER_BYTES;
        for (PendingRecord pending : queue) {
            if (!pending.hasRow()) {
                covered.add(pending);
                continue;
            }
            if (rows.size() == limits.maxRecords()) {
                break;
            }
            int size = pending.row().size(ts.length);
            int separator = rows.isEmpty() ? 0 : 1;
            if (!rows.isEmpty() && bodyBytes + separator + size > limits.maxBytes()) {
                break;
            }
            rows.add(pending.row());
            covered.add(pending);
            cost.add(pending.initial(), size);
            bodyBytes += separator + size;
        }
        return new Batch(List.copyOf(covered), rows.size(), body(rows, bodyBytes, ts), cost.build());
    }

    /** The body, written once into an array of its exact size. */
    private static byte[] body(List<JsonRow> rows, int bodyBytes, byte[] ts) {
        if (rows.isEmpty()) {
            return new byte[0];
        }
        byte[] body = new byte[bodyBytes];
        System.arraycopy(PREFIX, 0, body, 0, PREFIX.length);
        int at = PREFIX.length;
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            at = rows.get(i).writeTo(body, at, ts);
        }
        System.arraycopy(SUFFIX, 0, body, at, SUFFIX.length);
        return body;
    }
}
