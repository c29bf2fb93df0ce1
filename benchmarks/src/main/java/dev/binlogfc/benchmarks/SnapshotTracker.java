package dev.binlogfc.benchmarks;

import java.time.Duration;
import java.util.BitSet;

/** Counts the distinct rows of a full copy that arrived, and when the first and the last new one did. */
final class SnapshotTracker implements Delivery {

    private final int rows;
    private final BitSet seen;
    private int distinct;
    private long duplicates;
    private long firstReceiptMillis;
    private long lastReceiptMillis;

    SnapshotTracker(int rows) {
        this.rows = rows;
        this.seen = new BitSet(rows + 1);
    }

    @Override
    public synchronized void received(long id, long version, boolean snapshot, long receiptMillis) {
        if (!snapshot) {
            return;
        }
        if (seen.get((int) id)) {
            duplicates++;
            return;
        }
        seen.set((int) id);
        if (distinct == 0) {
            firstReceiptMillis = receiptMillis;
        }
        distinct++;
        lastReceiptMillis = Math.max(lastReceiptMillis, receiptMillis);
        if (distinct == rows) {
            notifyAll();
        }
    }

    /** Waits until every row arrived; returns false on timeout. */
    synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (distinct < rows) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            wait(Math.min(leftMillis, 1_000));
        }
        return true;
    }

    synchronized int distinct() {
        return distinct;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** When the first copied row arrived; 0 before. */
    synchronized long firstReceiptMillis() {
        return firstReceiptMillis;
    }

    synchronized long lastReceiptMillis() {
        return lastReceiptMillis;
    }
}
