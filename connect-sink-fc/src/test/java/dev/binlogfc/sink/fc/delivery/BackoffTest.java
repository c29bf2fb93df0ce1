package dev.binlogfc.sink.fc.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(60_000),
        new SplittableRandom(7));

    @Test
    void doublesFromTheInitialWaitWithJitterInTheUpperHalf() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
            assertThat(backoff.delay(2)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
            assertThat(backoff.delay(6)).isBetween(Duration.ofMillis(16_000), Duration.ofMillis(32_000));
        }
    }

    @Test
    void neverExceedsTheMaximum() {
        for (int retry : new int[] {7, 8, 30, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delay(retry)).isBetween(Duration.ofMillis(30_000), Duration.ofMillis(60_000));
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(3)).distinct().count())
            .isGreaterThan(10);
    }
}
