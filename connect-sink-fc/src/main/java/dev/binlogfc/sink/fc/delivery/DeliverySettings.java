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
}
