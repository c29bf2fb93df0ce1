package dev.binlogfc.sink.fc;

import dev.binlogfc.sink.fc.batch.ConsumedPosition;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/** An {@link FcSinkTask} started against a local FC endpoint, with the records and waits the tests need. */
final class SinkTaskHarness implements AutoCloseable {

    static final String TOPIC = "demo.orders";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final long SOURCE_TIME = 1_690_000_000_000L;
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    final MutableClock clock = new MutableClock(START);
    final FcSinkTask task;
    final RecordingSinkTaskContext context;

    /** Connect's offsets: after the last record of each partition handed to a put that returned, as Connect counts. */
    private final Map<TopicPartition, OffsetAndMetadata> consumed = new ConcurrentHashMap<>();

    private SinkTaskHarness(Map<String, String> settings, boolean withDeadLetterQueue) {
        task = new FcSinkTask(clock, new SplittableRandom(42)) {
            @Override
            public void put(Collection<SinkRecord> records) {
                super.put(records);
                records.forEach(record -> consumed(ConsumedPosition.partition(record),
                    ConsumedPosition.offset(record) + 1));
            }
        };
        Set<TopicPartition> assignment = Set.of(partition(0), partition(1), partition(2), partition(3));
        context = new RecordingSinkTaskContext(settings, assignment, withDeadLetterQueue);
        task.initialize(context);
        task.start(settings);
    }

    static SinkTaskHarness start(FcLocalEndpoint fc, String... overrides) {
        return new SinkTaskHarness(settings(fc, overrides), false);
    }

    static SinkTaskHarness startWithDeadLetterQueue(FcLocalEndpoint fc, String... overrides) {
        return new SinkTaskHarness(settings(fc, overrides), true);
    }

    private static Map<String, String> settings(FcLocalEndpoint fc, String... overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("fc.endpoint", fc.url());
        settings.put("fc.service.name", fc.serviceName());
        settings.put("fc.function.name", fc.functionName());
        settings.put("fc.access.key.id", "test-key");
        settings.put("fc.access.key.secret", "test-secret");
        settings.put("retry.backoff.initial.ms", "100");
        settings.put("retry.backoff.max.ms", "200");
        settings.put("http.response.timeout.ms", "10000");
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return settings;
    }

    static TopicPartition partition(int partition) {
        return new TopicPartition(TOPIC, partition);
    }

    /** A Canal INSERT row whose {@code id} is {@code partition * 1_000_000 + offset}. */
    static SinkRecord row(int partition, long offset) {
        return row(partition, offset, "INSERT");
    }

    static SinkRecord row(int partition, long offset, String type) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", partition * 1_000_000L + offset);
        value.put("database", "demo");
        value.put("table", "orders");
        value.put("type", type);
        value.put("es", SOURCE_TIME);
        value.put("ts", SOURCE_TIME);
        value.put("data", List.of(Map.of("order_id", Long.toString(offset))));
        return new SinkRecord(TOPIC, partition, null, Map.of("order_id", offset), null, value, offset);
    }

    static List<SinkRecord> rows(int partition, long fromOffset, long toOffset) {
        return LongStream.rangeClosed(fromOffset, toOffset).mapToObj(offset -> row(partition, offset)).toList();
    }

    static SinkRecord tombstone(int partition, long offset) {
        return new SinkRecord(TOPIC, partition, null, null, null, null, offset);
    }

    /** Counts {@code partition} consumed up to {@code nextOffset}, as Connect does records it never hands over. */
    void consumed(TopicPartition partition, long nextOffset) {
        consumed.merge(partition, new OffsetAndMetadata(nextOffset),
            (before, now) -> before.offset() >= now.offset() ? before : now);
    }

    /** What the task would commit of {@code partitions}, given Connect's offsets of those put so far. */
    Map<TopicPartition, OffsetAndMetadata> committable(TopicPartition... partitions) {
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = consumed.get(partition);
            if (offset != null) {
                current.put(partition, offset);
            }
        }
        return task.preCommit(current);
    }

    /** Waits until the task would commit {@code nextOffset} for {@code partition}. */
    void awaitCommittable(TopicPartition partition, long nextOffset) {
        await(() -> {
            OffsetAndMetadata offset = committable(partition).get(partition);
            return offset != null && offset.offset() == nextOffset;
        }, "offset " + nextOffset + " of " + partition + " to become committable, is " + committable(partition));
    }

    /** Calls put with no records, as Connect does on every poll, until the task reports its failure. */
    RuntimeException awaitFailure() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                task.put(List.of());
            } catch (RuntimeException e) {
                return e;
            }
            sleep(20);
        }
        throw new AssertionError("the task did not fail within " + TIMEOUT);
    }

    void awaitMetric(String name, double atLeast, String... tags) {
        await(() -> context.metric(name, tags) >= atLeast, name + " to reach " + atLeast);
    }

    static void await(BooleanSupplier condition, String what) {
        await(condition, what, TIMEOUT);
    }

    static void await(BooleanSupplier condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(10);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Throws the task's failure, if it failed. */
    void assertStillRunning() {
        task.put(List.of());
    }

    @Override
    public void close() {
        task.stop();
        context.close();
    }
}
