package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.BatchBuilder;
import dev.binlogfc.sink.fc.invoke.BatchSender;
import dev.binlogfc.sink.fc.metrics.DeliveryMetrics;
import dev.binlogfc.sink.fc.throttle.Throttle;
import java.time.Clock;

/**
 * What a {@link PartitionLane} and its batches work with, shared by every lane of a task: the function, how its
 * answers are read, the throttle, metrics, the dead-letter queue, the clocks ({@code clock} for retry windows and
 * the rows' {@code ts}, {@code ticker} for linger and throttle waits), the scheduler that runs their steps, and
 * {@code progress}, which learns what was delivered and what stopped delivery.
 */
record LaneServices(DeliverySettings settings, BatchSender sender, OutcomeClassifier classifier, Throttle throttle,
                    DeliveryMetrics metrics, DeadLetterQueue deadLetterQueue, BatchBuilder batchBuilder, Clock clock,
                    Ticker ticker, LaneScheduler scheduler, LaneProgress progress) {
}
