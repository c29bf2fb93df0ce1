package dev.binlogfc.sink.fc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.common.util.Version;
import dev.binlogfc.sink.fc.batch.BatchBuilder;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import dev.binlogfc.sink.fc.batch.RecordPreparer;
import dev.binlogfc.sink.fc.config.FcSinkConfig;
import dev.binlogfc.sink.fc.delivery.DeadLetterQueue;
import dev.binlogfc.sink.fc.delivery.DeliveryEngine;
import dev.binlogfc.sink.fc.delivery.OutcomeClassifier;
import dev.binlogfc.sink.fc.invoke.FcInvoker;
import dev.binlogfc.sink.fc.invoke.InvocationTarget;
import dev.binlogfc.sink.fc.metrics.DeliveryMetrics;
import dev.binlogfc.sink.fc.metrics.Heartbeats;
import dev.binlogfc.sink.fc.metrics.TaskMetrics;
import dev.binlogfc.sink.fc.throttle.Throttle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each put's records to a {@link DeliveryEngine}, which delivers them to one FC function in the
 * background: per topic partition in offset order with one batch in flight, or under delivery.order=key with
 * several batches in flight that share no primary key; different partitions in parallel.
 * Connect commits only offsets the function acknowledged ({@link #preCommit}); a failure that ends delivery
 * fails the task at the next put. A record that cannot be sent (not a JSON object, or too large for a batch)
 * goes to Connect's dead-letter queue when one is configured, else fails the task.
 */
public class FcSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(FcSinkTask.class);

    private final Clock clock;
    private final SplittableRandom random;
    private final ObjectMapper json = new ObjectMapper();
    private FcInvoker invoker;
    private DeliveryEngine engine;
    private DeliveryMetrics metrics;
    private RecordPreparer preparer;
    private ErrantRecordReporter deadLetterQueue;
    private Backpressure backpressure;
    private Heartbeats heartbeats;

    public FcSinkTask() {
        this(Clock.systemUTC(), new SplittableRandom());
    }

    /** For tests: {@code clock} drives the retry windows, the sync latency and the {@code ts} of records. */
    FcSinkTask(Clock clock, SplittableRandom random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        FcSinkConfig config = new FcSinkConfig(props);
        InvocationTarget target = config.target();
        invoker = new FcInvoker(target, config.transport(config.responseTimeout(),
            config.deliverySettings().maxConcurrentInvocations()));
        String connector = props.getOrDefault("name", "unnamed");
        metrics = new DeliveryMetrics(TaskMetrics.forTask(context, connector, taskId(connector)), clock,
            config.responseTimeout());
        deadLetterQueue = context.errantRecordReporter();
        DeadLetterQueue rejectedRecords = config.deadLettersRejectedRecords() && deadLetterQueue != null
            ? new DeadLetterQueue(deadLetterQueue) : DeadLetterQueue.NONE;
        engine = new DeliveryEngine(config.deliverySettings(), invoker,
            new OutcomeClassifier(target, config.answerPolicy()),
            new Throttle(config.initThrottle(), config.incrementalThrottle()), metrics, rejectedRecords,
            new BatchBuilder(), clock, random);
        metrics.publishUndelivered(engine::bufferedRecords);
        heartbeats = new Heartbeats(config.heartbeatTopicPrefix(), json);
        preparer = new RecordPreparer(json, config.batchLimits().maxBytes());
        backpressure = new Backpressure(context, config.bufferMaxRecords());
        log.info("Delivering to {} in batches of at most {} records and {} bytes, {} invocations at a time, in {}"
                + " order; dead-letter queue {}", target, config.batchLimits().maxRecords(),
            config.batchLimits().maxBytes(), config.deliverySettings().maxConcurrentInvocations(),
            config.deliverySettings().order().value(),
            deadLetterQueue == null ? "not configured" : "configured");
    }

    /**
     * The task's id for metric tags on workers without plugin metrics, which do not tell a task its id: Connect runs
     * {@code start} on the thread it names {@code task-thread-<connector>-<id>}.
     */
    private static String taskId(String connector) {
        String thread = Thread.currentThread().getName();
        String prefix = "task-thread-" + connector + "-";
        return thread.startsWith(prefix) ? thread.substring(prefix.length()) : "0";
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        engine.rethrowFailure();
        metrics.publishPending();
        boolean heldNothing = engine.bufferedRecords() == 0;
        List<PendingRecord> accepted = new ArrayList<>(records.size());
        long newestHeartbeat = -1;
        for (SinkRecord record : records) {
            if (heartbeats.isHeartbeat(record)) {
                newestHeartbeat = Math.max(newestHeartbeat, heartbeats.accept(record).orElse(-1));
            } else {
                accepted.add(prepare(record));
            }
        }
        if (heldNothing) {
            // Nothing in flight: no delivery can overwrite the marker before these records are queued.
            metrics.caughtUp(oldestSourceTime(accepted), newestHeartbeat);
        }
        engine.accept(accepted);
        backpressure.update(engine.bufferedRecords());
    }

    private static long oldestSourceTime(List<PendingRecord> records) {
        return records.stream().mapToLong(PendingRecord::sourceTimeMillis).filter(es -> es >= 0).min().orElse(-1);
    }

    private PendingRecord prepare(SinkRecord record) {
        try {
            return preparer.prepare(record, clock.millis(), System.nanoTime());
        } catch (DataException e) {
            if (deadLetterQueue == null) {
                throw e;
            }
            log.warn("{}; sending the record to the dead-letter queue", e.getMessage());
            // Connect waits for the reported record to be written before it commits offsets past it.
            deadLetterQueue.report(record, e);
            metrics.deadLettered(DeliveryMetrics.INVALID_RECORD);
            return PendingRecord.withoutRow(record, System.nanoTime());
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> committable = engine.committable(currentOffsets);
        committable.putAll(heartbeats.committable(currentOffsets.keySet()));
        return committable;
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        engine.assign(partitions);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        engine.abandon(partitions);
        heartbeats.forget(partitions);
    }

    @Override
    public void stop() {
        if (engine != null) {
            engine.close();
        }
        if (invoker != null) {
            invoker.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
