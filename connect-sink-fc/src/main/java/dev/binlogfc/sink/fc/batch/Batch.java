package dev.binlogfc.sink.fc.batch;

import java.util.List;

/**
 * A run of consecutive records of one partition and the request body that delivers them. {@code covered}
 * includes records without a row, which are not in the body but are done with the batch.
 */
public record Batch(List<PendingRecord> covered, int payloadCount, byte[] body, BatchCost cost) {

    public boolean needsInvocation() {
        return payloadCount > 0;
    }

    /**
     * The first {@code count} covered records, as the part of this batch the function processed: its body stays
     * the one that was sent.
     */
    public Batch prefix(int count) {
        List<PendingRecord> processed = covered.subList(0, count);
        int rows = (int) processed.stream().filter(PendingRecord::hasRow).count();
        return new Batch(List.copyOf(processed), rows, body, cost);
    }

    public long lastOffset() {
        return covered.get(covered.size() - 1).offset();
    }

    /** The {@code es} of the last row in the batch, or -1 when no row has one. */
    public long lastSourceTimeMillis() {
        for (int i = covered.size() - 1; i >= 0; i--) {
            long es = covered.get(i).sourceTimeMillis();
            if (es >= 0) {
                return es;
            }
        }
        return -1;
    }
}
