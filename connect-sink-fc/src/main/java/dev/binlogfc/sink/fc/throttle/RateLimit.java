package dev.binlogfc.sink.fc.throttle;

/**
 * A rate limit that lets a caller take any number of permits at once and makes the next caller wait until the
 * permits taken before were due at the configured rate (no stored burst: after an idle time the rate is never
 * exceeded by more than one batch). Batches are sized by batch.max.records and batch.max.bytes, not by the
 * limiter, so "take the whole batch, pay later" is what the sink needs. Written here rather than taken from
 * Guava: Guava's RateLimiter follows the same scheme but would add Guava (about 3 MB) to the plugin for these
 * few lines, and it cannot be driven by a test's clock.
 */
final class RateLimit {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double permitsPerSecond;
    private long nextFreeNanos;
    private boolean started;

    /** {@code permitsPerSecond} 0 means unlimited. */
    RateLimit(double permitsPerSecond) {
        this.permitsPerSecond = permitsPerSecond;
    }

    boolean isUnlimited() {
        return permitsPerSecond <= 0;
    }

    /** Takes {@code permits} at {@code nowNanos}; returns how long the caller must wait before using them. */
    synchronized long reserve(long permits, long nowNanos) {
        if (isUnlimited() || permits == 0) {
            return 0;
        }
        if (!started || nowNanos - nextFreeNanos > 0) {
            nextFreeNanos = nowNanos;
            started = true;
        }
        long wait = nextFreeNanos - nowNanos;
        nextFreeNanos += (long) (permits * NANOS_PER_SECOND / permitsPerSecond);
        return wait;
    }
}
