package dev.binlogfc.source.canal.connector;

import java.util.function.LongSupplier;

/**
 * Holds the full copy to a number of rows per second, measured from its first row. Debezium's snapshot reader fills a
 * bounded queue that the task drains; pacing the drain makes the reader block, so the rows read from the database
 * follow the limit, ahead of it by at most the queue (max.queue.size rows). Changes read from the binlog are not
 * counted, though they wait behind copied rows in the same queue.
 */
final class SnapshotPacer {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double rowsPerSecond;
    private final LongSupplier nanoTime;
    private long startNanos;
    private long rows;

    /** @param rowsPerSecond the limit; 0 or less: unlimited */
    SnapshotPacer(double rowsPerSecond, LongSupplier nanoTime) {
        this.rowsPerSecond = rowsPerSecond;
        this.nanoTime = nanoTime;
    }

    boolean isUnlimited() {
        return rowsPerSecond <= 0;
    }

    /**
     * Counts copied rows about to be handed on and returns how long to wait before handing them on, in nanoseconds,
     * so that the copy so far has run at the limit.
     */
    long delayFor(int copiedRows) {
        if (isUnlimited() || copiedRows == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (rows == 0) {
            startNanos = now;
        }
        rows += copiedRows;
        long due = startNanos + (long) ((rows - copiedRows) * NANOS_PER_SECOND / rowsPerSecond);
        return Math.max(0, due - now);
    }
}
