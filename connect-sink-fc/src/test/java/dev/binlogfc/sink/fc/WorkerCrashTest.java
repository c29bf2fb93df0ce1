package dev.binlogfc.sink.fc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.connect.ExternalWorker;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect worker running the sink in its own JVM ({@link ExternalWorker}) is killed with SIGKILL while batches are
 * in flight; a new worker JVM of the same group takes over from the last committed offsets and nothing is lost. Only
 * the in-process broker of {@link ConnectStack} is used: its embedded worker cannot be killed without a clean
 * shutdown.
 */
@Tag("integration")
class WorkerCrashTest {

    private static final String CONNECTOR = "fc-sink-crash";
    private static final String TOPIC = "shop.crash";
    private static final int PARTITIONS = 3;
    private static final int ROWS_PER_PARTITION = 400;
    private static final int TOTAL = PARTITIONS * ROWS_PER_PARTITION;
    /** Partition p holds ids p * ID_STRIDE + offset, so an id names its partition and offset. */
    private static final int ID_STRIDE = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final Duration RESPONSE_DELAY = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(WorkerCrashTest.class);

    private FcLocalEndpoint fc;
    private ConnectStack stack;
    private ExternalWorker worker;

    @BeforeEach
    void start() throws Exception {
        fc = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").start();
        // Slow answers keep several batches in flight when the worker dies.
        fc.faults().delayResponses(RESPONSE_DELAY);
        stack = ConnectStack.start();
        worker = new ExternalWorker(stack.bootstrapServers(),
            Path.of("target", "worker-crash", UUID.randomUUID().toString()))
            .property("offset.flush.interval.ms", "500");
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (fc != null) {
            fc.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKilledWorkersReplacementDeliversEveryRecordInOrderRedeliveringOnlyInFlightBatches() throws Exception {
        stack.topics().create(TOPIC, PARTITIONS);
        produceRows();
        worker.start();
        worker.rest().createOrUpdate(CONNECTOR, sinkConfig());
        worker.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
        await(() -> receivedIds().size() >= TOTAL / 3, "a third of the rows to arrive", TIMEOUT);

        worker.kill();
        // The endpoint records a batch after its response delay, so requests the dead worker sent last are still
        // being recorded for up to that delay; the second worker has not started yet to blur the line.
        Thread.sleep(RESPONSE_DELAY.toMillis() * 5);
        Set<Integer> receivedBeforeKill = Set.copyOf(receivedIds());
        assertThat(receivedBeforeKill).as("the kill happened mid-stream").hasSizeLessThan(TOTAL);
        LOG.info("Killed the first worker after {} of {} rows arrived", receivedBeforeKill.size(), TOTAL);

        worker.start();
        await(() -> Set.copyOf(receivedIds()).size() == TOTAL, "every row after the restart", TIMEOUT);

        List<Integer> received = receivedIds();
        assertThat(Set.copyOf(received)).containsExactlyInAnyOrderElementsOf(producedIds());
        List<Integer> redelivered = redeliveries(received);
        assertThat(receivedBeforeKill).as("only rows that had arrived before the crash are redelivered")
            .containsAll(redelivered);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int firstId = partition * ID_STRIDE;
            List<Integer> firstReceipts = new LinkedHashSet<>(received).stream()
                .filter(id -> id >= firstId && id < firstId + ID_STRIDE).toList();
            assertThat(firstReceipts).as("partition %d first arrived in offset order", partition)
                .isEqualTo(IntStream.range(firstId, firstId + ROWS_PER_PARTITION).boxed().toList());
        }
        LOG.info("{} rows arrived, {} of them again after the crash", received.size(), redelivered.size());
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            endOffsets.put(new TopicPartition(TOPIC, partition), (long) ROWS_PER_PARTITION);
        }
        await(() -> committed().equals(endOffsets), "Connect to commit " + endOffsets, TIMEOUT);
    }

    private void produceRows() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (int offset = 0; offset < ROWS_PER_PARTITION; offset++) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    producer.send(new ProducerRecord<>(TOPIC, partition, "key-" + partition,
                        canalRow(partition * ID_STRIDE + offset)));
                }
            }
            producer.flush();
        }
    }

    private static String canalRow(int id) {
        return "{\"id\":" + id + ",\"database\":\"shop\",\"table\":\"t\",\"pkNames\":[\"k\"],\"isDdl\":false,"
            + "\"type\":\"INSERT\",\"es\":1,\"ts\":1,\"sql\":\"\",\"sqlType\":{\"k\":3},\"mysqlType\":{\"k\":\"int\"},"
            + "\"data\":[{\"k\":\"" + id + "\"}],\"old\":null,\"serverId\":\"1\"}";
    }

    private static List<Integer> producedIds() {
        return IntStream.range(0, PARTITIONS).boxed().flatMap(partition -> IntStream
            .range(partition * ID_STRIDE, partition * ID_STRIDE + ROWS_PER_PARTITION).boxed()).toList();
    }

    /** The ids the function received, in order of receipt, duplicates included. */
    private List<Integer> receivedIds() {
        return fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asInt()).toList();
    }

    /** Every receipt of an id after its first. */
    private static List<Integer> redeliveries(List<Integer> received) {
        Set<Integer> seen = new HashSet<>();
        return received.stream().filter(id -> !seen.add(id)).toList();
    }

    private Map<String, String> sinkConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FcSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("fc.endpoint", fc.url());
        config.put("fc.service.name", "demo-service");
        config.put("fc.function.name", "demo-function");
        config.put("fc.access.key.id", "test-key");
        config.put("fc.access.key.secret", "test-secret");
        config.put("batch.max.records", "20");
        return config;
    }

    private Map<TopicPartition, Long> committed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + CONNECTOR)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            return committed;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the committed offsets of " + CONNECTOR, e);
        }
    }

    private static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
