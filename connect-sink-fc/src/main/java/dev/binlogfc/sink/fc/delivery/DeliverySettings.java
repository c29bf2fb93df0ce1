package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.BatchLimits;
import java.time.Duration;

/**
 * How the delivery engine cuts batches, how many it runs at once (in all, and of one partition under key order),
 * and how long it retries them.
 */
public record DeliverySettings(BatchLimits limits, Duration linger, int maxConcurrentInvocations,
                               DeliveryOrder order, int maxBatchesInFlightPerPartition,
                               Duration connectionRetryWindow, Duration otherRetryWindow, Duration backoffInitial,
                               Duration backoffMax, RetryBudget retryBudget) {

    // The settings that delivery's messages tell to change. Delivery sits below the config layer, which defines its
    // keys by these names, so that the messages name the keys without depending on that layer.
    public static final String BATCH_MAX_BYTES = "batch.max.bytes";
    public static final String RETRY_CONNECTION_MINUTES = "retry.connection.minutes";
    public static final String RETRY_OTHER_MINUTES = "retry.other.minutes";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_MAX_RECORD_AGE_SECONDS = "retry.max.record.age.seconds";
    public static final String REPORT_BATCH_ITEM_FAILURES = "report.batch.item.failures";
}
