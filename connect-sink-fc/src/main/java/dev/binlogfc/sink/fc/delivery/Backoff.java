package dev.binlogfc.sink.fc.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: before retry n the nominal wait is {@code initial * 2^(n-1)}, capped at
 * {@code max}; the actual wait is drawn uniformly from the upper half of the nominal one, so that tasks failing
 * together do not retry together.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        int doublings = Math.min(retry - 1, 62);
        long nominal = initialMillis > maxMillis >> doublings ? maxMillis : initialMillis << doublings;
        long half = nominal / 2;
        return Duration.ofMillis(nominal - half + random.nextLong(half + 1));
    }
}
