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
