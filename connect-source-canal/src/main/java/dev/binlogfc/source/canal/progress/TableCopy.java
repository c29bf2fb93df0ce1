package dev.binlogfc.source.canal.progress;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The full copy of one table: rows handed on so far, the source's estimate of its rows, and whether Debezium marked
 * its last row. Counted on the task's thread, read by the reporter and by metric readers.
 */
final class TableCopy {

    private static final double PERCENT = 100.0;
    /** Shown until the last row is marked, as an estimate the copy passed would otherwise read as done. */
    private static final double MOST_BEFORE_DONE = 99.9;

    private final long startNanos;
    private final AtomicLong copied = new AtomicLong();
    private volatile long estimated = -1;
    private volatile boolean done;
    private volatile long doneNanos;

    TableCopy(long startNanos) {
        this.startNanos = startNanos;
    }

    void copied(long rows) {
        copied.addAndGet(rows);
    }

    void finished(long nowNanos) {
        if (!done) {
            doneNanos = nowNanos;
            done = true;
        }
    }

    void estimate(long rows) {
        estimated = rows;
    }

    boolean hasEstimate() {
        return estimated >= 0;
    }

    boolean isDone() {
        return done;
    }

    long rowsCopied() {
        return copied.get();
    }

    /** The source's estimate, -1 before it is known; once done, the rows copied. */
    long rowsEstimated() {
        return done ? copied.get() : estimated;
    }

    /** 100 once done; before, below 100 whatever the estimate says; NaN without a usable estimate. */
    double percent() {
        if (done) {
            return PERCENT;
        }
        long estimate = estimated;
        return estimate <= 0 ? Double.NaN : Math.min(MOST_BEFORE_DONE, PERCENT * copied.get() / estimate);
    }

    /** Seconds left at the table's rate so far; 0 once done; NaN while the estimate or the rate says nothing. */
    double etaSeconds(long nowNanos) {
        if (done) {
            return 0;
        }
        long rows = copied.get();
        long left = estimated - rows;
        double seconds = (nowNanos - startNanos) / (double) TimeUnit.SECONDS.toNanos(1);
        return estimated < 0 || left <= 0 || rows == 0 || seconds <= 0 ? Double.NaN : left / (rows / seconds);
    }

    /** How long the copy of the table took, once done. */
    double secondsTaken() {
        return (doneNanos - startNanos) / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
