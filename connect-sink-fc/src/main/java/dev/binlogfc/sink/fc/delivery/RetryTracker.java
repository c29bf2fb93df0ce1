package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.invoke.FailureClass;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers a run of failed attempts: when each failure class first failed (its retry window counts from
 * there), how many attempts failed in a row (for the backoff), and when the next attempt is due. A delivered
 * batch ends the run.
 */
public final class RetryTracker {

    /** Whether to try again, and when. */
    public sealed interface Decision {
    }

    /** Try again after {@code delay}; the class has been failing for {@code failingFor}. */
    public record RetryIn(Duration delay, Duration failingFor) implements Decision {
    }

    /** The class has been failing for {@code failingFor}, which reached its {@code window}. */
    public record GiveUp(Duration failingFor, Duration window) implements Decision {
    }

    private final Map<FailureClass, Duration> windows = new EnumMap<>(FailureClass.class);
    private final Backoff backoff;
    private final Map<FailureClass, Instant> firstFailures = new EnumMap<>(FailureClass.class);
    private int failuresInARow;
    private Instant nextAttemptAt;

    public RetryTracker(Duration connectionWindow, Duration otherWindow, Backoff backoff) {
        windows.put(FailureClass.CONNECTION, connectionWindow);
        windows.put(FailureClass.OTHER, otherWindow);
        this.backoff = backoff;
    }

    /** How long the caller must still wait before the next attempt; empty when it may go ahead. */
    public Optional<Duration> timeUntilNextAttempt(Instant now) {
        if (nextAttemptAt == null || !now.isBefore(nextAttemptAt)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, nextAttemptAt));
    }

    /** Records a failed attempt at {@code now}; {@code retryAfter} is the least wait the server asked for. */
    public Decision onFailure(FailureClass failureClass, Duration retryAfter, Instant now) {
        Instant firstFailure = firstFailures.computeIfAbsent(failureClass, unused -> now);
        Duration failingFor = Duration.between(firstFailure, now);
        Duration window = windows.get(failureClass);
        failuresInARow++;
        if (failingFor.compareTo(window) >= 0) {
            return new GiveUp(failingFor, window);
        }
        Duration delay = backoff.delay(failuresInARow);
        if (retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        nextAttemptAt = now.plus(delay);
        return new RetryIn(delay, failingFor);
    }

    /** Failed attempts since the last success (or {@link #reset}), the one just recorded included. */
    public int failedAttempts() {
        return failuresInARow;
    }

    public void onSuccess() {
        reset();
    }

    /** Starts a new run: the next batch gets its full windows, as after a success. */
    public void reset() {
        firstFailures.clear();
        failuresInARow = 0;
        nextAttemptAt = null;
    }
}
