package dev.binlogfc.sink.fc.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.sink.fc.batch.BatchBuilder;
import dev.binlogfc.sink.fc.batch.BatchLimits;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import dev.binlogfc.sink.fc.batch.RecordPreparer;
import dev.binlogfc.sink.fc.throttle.ThrottleLimits;
import dev.binlogfc.sink.fc.metrics.DeliveryMetrics;
import dev.binlogfc.sink.fc.metrics.TaskMetrics;
import dev.binlogfc.sink.fc.throttle.Throttle;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One {@link PartitionLane} with a {@link ManualScheduler} for its scheduler and ticker and a {@link ScriptedSender}
 * for its function; it records the offsets the lane reports as committable. Rows are Canal JSON of table
 * {@code shop.orders} keyed by {@code id}.
 */
final class LaneRig {

    static final TopicPartition PARTITION = new TopicPartition("shop.orders", 0);
    static final Duration BACKOFF_MAX = Duration.ofMillis(200);

    final ManualScheduler scheduler = new ManualScheduler();
    final ScriptedSender sender = new ScriptedSender();
    final List<Long> committable = new ArrayList<>();
    final List<ConnectException> failures = new ArrayList<>();
    final PartitionLane lane;
    private final RecordPreparer preparer = new RecordPreparer(new ObjectMapper(), 1024 * 1024);

    LaneRig(DeliveryOrder order, int maxRecords, int maxInFlight, Duration linger) {
        DeliverySettings settings = new DeliverySettings(new BatchLimits(maxRecords, 1024 * 1024), linger, 4, order,
            maxInFlight, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMillis(100), BACKOFF_MAX,
            RetryBudget.UNLIMITED);
        Clock clock = Clock.systemUTC();
        LaneServices services = new LaneServices(settings, sender, new OutcomeClassifier(sender.target()),
            new Throttle(new ThrottleLimits(0, 0), new ThrottleLimits(0, 0)),
            new DeliveryMetrics(new NoMetrics(), clock, Duration.ofSeconds(10)), DeadLetterQueue.NONE,
            new BatchBuilder(), clock, scheduler, scheduler, new RecordingProgress());
        lane = new PartitionLane(PARTITION, services, new Backoff(Duration.ofMillis(100), BACKOFF_MAX,
            new SplittableRandom(7)));
    }

    /** Hands the records over as Connect's put would. */
    void accept(SinkRecord... records) {
        List<PendingRecord> pending = new ArrayList<>();
        for (SinkRecord record : records) {
            pending.add(preparer.prepare(record, System.currentTimeMillis(), scheduler.nanoTime()));
        }
        lane.accept(pending);
    }

    /** A row change of {@code orders} whose Canal id is its offset; {@code oldId} set for a key-changing UPDATE. */
    static SinkRecord row(long offset, String type, long id, Long oldId) {
        String old = oldId == null ? "null" : "[{\"id\":\"" + oldId + "\"}]";
        return record(offset, "{\"id\":" + offset + ",\"database\":\"shop\",\"table\":\"orders\","
            + "\"pkNames\":[\"id\"],\"isDdl\":false,\"type\":\"" + type + "\",\"es\":1,\"ts\":1,"
            + "\"data\":[{\"id\":\"" + id + "\",\"note\":\"n" + offset + "\"}],\"old\":" + old + "}");
    }

    static SinkRecord row(long offset, long id) {
        return row(offset, "UPDATE", id, null);
    }

    /** A DDL of {@code table} whose Canal id is its offset. */
    static SinkRecord ddl(long offset, String table) {
        return record(offset, "{\"id\":" + offset + ",\"database\":\"shop\",\"table\":\"" + table + "\","
            + "\"pkNames\":null,\"isDdl\":true,\"type\":\"ALTER\",\"es\":1,\"ts\":1,\"sql\":\"ALTER TABLE x\","
            + "\"data\":null,\"old\":null}");
    }

    /** A row change of another table, {@code shop.items}. */
    static SinkRecord otherTableRow(long offset, long id) {
        return record(offset, "{\"id\":" + offset + ",\"database\":\"shop\",\"table\":\"items\","
            + "\"pkNames\":[\"id\"],\"isDdl\":false,\"type\":\"INSERT\",\"es\":1,\"ts\":1,"
            + "\"data\":[{\"id\":\"" + id + "\"}],\"old\":null}");
    }

    private static SinkRecord record(long offset, String json) {
        return new SinkRecord(PARTITION.topic(), PARTITION.partition(), null, null, null, json, offset);
    }

    /** Calls not yet made: the lane's batches whose step is scheduled. */
    int pendingSteps() {
        return scheduler.scheduled().size();
    }

    private final class RecordingProgress implements LaneProgress {

        @Override
        public void done(TopicPartition partition, int records, long nextToCommit) {
            committable.add(nextToCommit);
        }

        @Override
        public void fail(ConnectException cause) {
            failures.add(cause);
        }

        @Override
        public boolean halted() {
            return !failures.isEmpty();
        }
    }

    private static final class NoMetrics implements TaskMetrics {

        @Override
        public MetricName metricName(String name, String description, Map<String, String> tags) {
            return new MetricName(name, "lane-test", description, tags);
        }

        @Override
        public void addMetric(MetricName name, Measurable metric) {
            // Not published: the lane tests read the function's calls instead.
        }

        @Override
        public void removeMetric(MetricName name) {
            // As addMetric.
        }

        @Override
        public void close() {
            // Nothing published.
        }
    }
}
