package dev.binlogfc.sink.fc.throttle;

import dev.binlogfc.sink.fc.batch.BatchCost;

/**
 * The task's records/s and bytes/s limits, separate for full-copy (INIT) and incremental records as DTS offers
 * them; shared by all partitions of the task.
 */
public final class Throttle {

    private final RateLimit initRecords;
    private final RateLimit initBytes;
    private final RateLimit incrementalRecords;
    private final RateLimit incrementalBytes;

    public Throttle(ThrottleLimits init, ThrottleLimits incremental) {
        initRecords = new RateLimit(init.recordsPerSecond());
        initBytes = new RateLimit(init.bytesPerSecond());
        incrementalRecords = new RateLimit(incremental.recordsPerSecond());
        incrementalBytes = new RateLimit(incremental.bytesPerSecond());
    }

    /** Charges a batch at {@code nowNanos}; returns the nanoseconds to wait before sending it (0: send now). */
    public long reserve(BatchCost cost, long nowNanos) {
        long wait = initRecords.reserve(cost.initRecords(), nowNanos);
        wait = Math.max(wait, initBytes.reserve(cost.initBytes(), nowNanos));
        wait = Math.max(wait, incrementalRecords.reserve(cost.incrementalRecords(), nowNanos));
        return Math.max(wait, incrementalBytes.reserve(cost.incrementalBytes(), nowNanos));
    }
}
