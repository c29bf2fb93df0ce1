package dev.binlogfc.sink.fc.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits on retrying a batch that the function rejects, on top of retry.other.minutes: the most attempts, and the
 * oldest a record of the batch may be ({@code null}: no limit). Failures that cannot be the records' fault
 * (no connection, throttling) are limited by their windows alone.
 */
public record RetryBudget(int maxAttempts, Duration maxRecordAge) {

    public static final RetryBudget UNLIMITED = new RetryBudget(Integer.MAX_VALUE, null);

    /**
     * Why the batch is not to be tried again after {@code failedAttempts} failed attempts, its oldest record
     * written at {@code oldestRecord} (null when unknown); empty while the budget lasts.
     */
    public Optional<String> spent(int failedAttempts, Instant oldestRecord, Instant now) {
        if (failedAttempts >= maxAttempts) {
            return Optional.of(failedAttempts + " attempts failed, reaching " + DeliverySettings.RETRY_MAX_ATTEMPTS + "="
                + maxAttempts);
        }
        if (maxRecordAge != null && oldestRecord != null
            && Duration.between(oldestRecord, now).compareTo(maxRecordAge) > 0) {
            return Optional.of("its oldest record is " + Duration.between(oldestRecord, now).toSeconds()
                + " s old, beyond " + DeliverySettings.RETRY_MAX_RECORD_AGE_SECONDS + "=" + maxRecordAge.toSeconds());
        }
        return Optional.empty();
    }
}
