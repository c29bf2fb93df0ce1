package dev.binlogfc.sink.fc.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.sink.fc.invoke.FailureClass;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final RetryTracker tracker = new RetryTracker(Duration.ofMinutes(720), Duration.ofMinutes(10),
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new SplittableRandom(1)));

    @Test
    void retriesUntilTheWindowOfTheFailureClassHasPassedSinceItsFirstFailure() {
        assertThat(tracker.onFailure(FailureClass.OTHER, Duration.ZERO, T0)).isInstanceOf(RetryTracker.RetryIn.class);
        assertThat(tracker.onFailure(FailureClass.OTHER, Duration.ZERO, T0.plus(Duration.ofMinutes(9))))
            .isInstanceOf(RetryTracker.RetryIn.class);

        assertThat(tracker.onFailure(FailureClass.OTHER, Duration.ZERO, T0.plus(Duration.ofMinutes(10))))
            .isEqualTo(new RetryTracker.GiveUp(Duration.ofMinutes(10), Duration.ofMinutes(10)));
    }

    @Test
    void eachFailureClassHasItsOwnWindowAndStart() {
        tracker.onFailure(FailureClass.OTHER, Duration.ZERO, T0);
        tracker.onFailure(FailureClass.CONNECTION, Duration.ZERO, T0.plus(Duration.ofMinutes(5)));

        RetryTracker.Decision connection = tracker.onFailure(FailureClass.CONNECTION, Duration.ZERO,
            T0.plus(Duration.ofMinutes(600)));

        assertThat(connection).isInstanceOf(RetryTracker.RetryIn.class);
        assertThat(((RetryTracker.RetryIn) connection).failingFor()).isEqualTo(Duration.ofMinutes(595));
        assertThat(tracker.onFailure(FailureClass.OTHER, Duration.ZERO, T0.plus(Duration.ofMinutes(600))))
            .isInstanceOf(RetryTracker.GiveUp.class);
    }

    @Test
    void waitsForTheBackoffOrTheLongerRetryAfter() {
        RetryTracker.RetryIn first = (RetryTracker.RetryIn) tracker.onFailure(FailureClass.OTHER, Duration.ZERO, T0);
        assertThat(first.delay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(tracker.timeUntilNextAttempt(T0)).contains(first.delay());
        assertThat(tracker.timeUntilNextAttempt(T0.plus(first.delay()))).isEmpty();

        RetryTracker.RetryIn throttled = (RetryTracker.RetryIn) tracker.onFailure(FailureClass.OTHER,
            Duration.ofSeconds(30), T0);
        assertThat(throttled.delay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSuccessEndsTheRunOfFailures() {
        tracker.onFailure(FailureClass.OTHER, Duration.ZERO, T0);
        tracker.onFailure(FailureClass.OTHER, Duration.ZERO, T0.plusSeconds(1));

        tracker.onSuccess();

        assertThat(tracker.timeUntilNextAttempt(T0)).isEmpty();
        RetryTracker.Decision afterSuccess = tracker.onFailure(FailureClass.OTHER, Duration.ZERO,
            T0.plus(Duration.ofMinutes(30)));
        assertThat(afterSuccess).isInstanceOf(RetryTracker.RetryIn.class);
        assertThat(((RetryTracker.RetryIn) afterSuccess).delay()).as("backoff starts over")
            .isLessThanOrEqualTo(Duration.ofMillis(100));
    }
}
