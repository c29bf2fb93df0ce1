package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.BatchBuilder;
import dev.binlogfc.sink.fc.batch.DeliveredOffsets;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import dev.binlogfc.sink.fc.invoke.BatchSender;
import dev.binlogfc.sink.fc.metrics.DeliveryMetrics;
import dev.binlogfc.sink.fc.throttle.Throttle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers accepted records in the background: one {@link PartitionLane} per topic partition sends that
 * partition's batches, one at a time in offset order or, under key order, several at once that share no key, and up
 * to max.concurrent.invocations batches invoke the function at the same time, on a pool of that many threads. The
 * task's thread hands records over with {@link #accept}, learns what to commit from {@link #committable}, and sees a
 * failure that ends delivery via {@link #rethrowFailure}.
 */
public final class DeliveryEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 10;
    private static final AtomicInteger ENGINE_IDS = new AtomicInteger();

    private final DeliverySettings settings;
    private final BatchSender sender;
    private final SplittableRandom random;
    private final ScheduledThreadPoolExecutor scheduler;
    private final LaneServices services;
    private final Map<TopicPartition, PartitionLane> lanes = new ConcurrentHashMap<>();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final DeliveredOffsets delivered = new DeliveredOffsets();
    private final AtomicInteger bufferedRecords = new AtomicInteger();
    private final AtomicReference<ConnectException> failure = new AtomicReference<>();

    public DeliveryEngine(DeliverySettings settings, BatchSender sender, OutcomeClassifier classifier,
                          Throttle throttle, DeliveryMetrics metrics, DeadLetterQueue deadLetterQueue,
                          BatchBuilder batchBuilder, Clock clock, SplittableRandom random) {
        this.settings = settings;
        this.sender = sender;
        this.random = random;
        this.scheduler = new ScheduledThreadPoolExecutor(settings.maxConcurrentInvocations(),
            daemonThreads("fc-sink-delivery-" + ENGINE_IDS.incrementAndGet() + "-"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.services = new LaneServices(settings, sender, classifier, throttle, metrics, deadLetterQueue,
            batchBuilder, clock, Ticker.SYSTEM,
            (step, delayNanos) -> scheduler.schedule(step, delayNanos, TimeUnit.NANOSECONDS), new Progress());
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Queues records for delivery, each after the records of its partition accepted before. Task thread only. */
    public void accept(List<PendingRecord> records) {
        Map<TopicPartition, List<PendingRecord>> byPartition = new LinkedHashMap<>();
        for (PendingRecord record : records) {
            byPartition.computeIfAbsent(record.partition(), unused -> new ArrayList<>()).add(record);
        }
        byPartition.forEach((partition, partitionRecords) -> {
            PartitionLane lane = lanes.computeIfAbsent(partition, unused -> new PartitionLane(partition, services,
                new Backoff(settings.backoffInitial(), settings.backoffMax(), random.split())));
            bufferedRecords.addAndGet(lane.accept(partitionRecords));
        });
    }

    /** Records accepted and not yet delivered. */
    public int bufferedRecords() {
        return bufferedRecords.get();
    }

    /** Throws the failure that stopped delivery, if one did. */
    public void rethrowFailure() {
        ConnectException stopped = failure.get();
        if (stopped != null) {
            throw stopped;
        }
    }

    /**
     * The offsets to commit, given the offsets up to which Connect consumed each partition: the offset after the
     * records that are all done. Where every record the task accepted from a partition is done, that is Connect's
     * offset: it also covers the records Connect consumed and never handed to the task (a converter or transform
     * error it tolerated, a record a transform dropped), which would otherwise stay uncommitted after the partition's
     * last delivered record, be read again after a restart and be dead-lettered twice.
     */
    public Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> consumed) {
        consumed.forEach((partition, offset) -> {
            PartitionLane lane = lanes.get(partition);
            // An assigned partition without a lane: Connect handed the task none of its records since assigning it,
            // so it handled everything it consumed there itself (dead-lettered, or dropped by a transform).
            if (lane == null ? assigned.contains(partition) : lane.allDone()) {
                delivered.markDelivered(partition, offset.offset() - 1);
            }
        });
        return delivered.committable(consumed.keySet());
    }

    /** Takes on the partitions Connect assigned to the task. */
    public void assign(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
    }

    /**
     * Gives up the partitions Connect took away: their queued records are dropped, calls in flight are aborted,
     * and nothing more is committed for them; their next owner re-reads from the last committed offset.
     */
    public void abandon(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionLane lane = lanes.remove(partition);
            if (lane != null) {
                bufferedRecords.addAndGet(-lane.abandon());
            }
        }
        assigned.removeAll(partitions);
        delivered.forget(partitions);
    }

    /** Abandons every partition and stops the delivery threads, waiting for them to end. */
    @Override
    public void close() {
        abandon(List.copyOf(lanes.keySet()));
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Delivery threads of {} did not end within {} s", sender.target(), SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lanes' view of the engine. */
    private final class Progress implements LaneProgress {

        @Override
        public void done(TopicPartition partition, int records, long nextToCommit) {
            if (nextToCommit > 0) {
                delivered.markDelivered(partition, nextToCommit - 1);
            }
            bufferedRecords.addAndGet(-records);
        }

        @Override
        public void fail(ConnectException cause) {
            if (failure.compareAndSet(null, cause)) {
                log.error("Delivery to {} stopped; the task fails: {}", sender.target(), cause.getMessage());
            }
        }

        @Override
        public boolean halted() {
            return failure.get() != null || scheduler.isShutdown();
        }
    }
}
