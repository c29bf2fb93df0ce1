package dev.binlogfc.sink.fc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink in a real Connect worker: Connect's own errant record reporter writes an oversized record to the
 * dead-letter queue while its batch-mates reach the function, Connect commits exactly the delivered offsets, and
 * the task's metrics are visible over JMX.
 */
@Tag("integration")
class FcSinkOnConnectTest extends OnConnectWorker {

    private static final String CONNECTOR = "fc-sink";
    private static final String TOPIC = "shop.orders";
    private static final String DEAD_LETTER_TOPIC = "fc-sink-dlq";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(FcSinkOnConnectTest.class);


    private static String row(int partition, int offset, String data) throws Exception {
        return OnConnect.row(0, partition, offset, data);
    }

    @Test
    void sendsOnlyTheOversizedRecordToConnectsDeadLetterQueueAndCommitsEveryOffset() throws Exception {
        stack.topics().create(TOPIC, 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (int offset = 0; offset < 10; offset++) {
                for (int partition = 0; partition < 2; partition++) {
                    String data = partition == 1 && offset == 4 ? "x".repeat(5000) : "row " + offset;
                    producer.send(new ProducerRecord<>(TOPIC, partition, "key-" + offset,
                        row(partition, offset, data)));
                }
            }
            producer.flush();
        }

        Map<String, String> config = sinkConfig(TOPIC);
        config.put("errors.tolerance", "all");
        config.put("batch.max.bytes", "2048");
        config.put("errors.deadletterqueue.topic.name", DEAD_LETTER_TOPIC);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        stack.rest().createOrUpdate(CONNECTOR, config);
        stack.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);

        SinkTaskHarness.await(() -> receivedIds(0).size() >= 19, "the 19 rows that fit a batch");
        List<ConsumerRecord<String, String>> deadLetters = stack.topics().consumeStrings(DEAD_LETTER_TOPIC, 1,
            TIMEOUT);

        assertThat(receivedIds(0)).hasSize(19).doesNotContain(1004);
        assertThat(deadLetters).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("key-4");
            assertThat(JSON.readTree(record.value()).path("id").asInt()).isEqualTo(1004);
            String reason = new String(record.headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8);
            assertThat(reason).contains("Record shop.orders/1/4 (table shop.orders, key key-4)", "batch.max.bytes");
        });
        awaitCommitted(CONNECTOR, Map.of(new TopicPartition(TOPIC, 0), 10L, new TopicPartition(TOPIC, 1), 10L));
        assertThat(pluginMetric("records-delivered-total")).isEqualTo(19.0);
        assertThat(pluginMetric("dead-letter-queue-records-total")).isEqualTo(1.0);
        assertThat(pluginMetric("sync-latency-ms")).isPositive();
        assertThat(stack.rest().status(CONNECTOR).path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void connectsValidateEndpointReportsTheConnectivityTestOnTheSettingToChange() {
        Map<String, String> config = sinkConfig("shop.validated");
        config.put("name", "fc-sink-validated");
        JsonNode valid = stack.rest().validate(FcSinkConnector.class.getName(), config);
        config.put("fc.function.name", "missing-function");
        JsonNode invalid = stack.rest().validate(FcSinkConnector.class.getName(), config);

        assertThat(valid.path("error_count").asInt()).as(valid.toString()).isZero();
        assertThat(invalid.path("error_count").asInt()).as(invalid.toString()).isEqualTo(1);
        assertThat(validationEntry(invalid, "fc.function.name").path("errors")).singleElement().asString()
            .contains("GetFunction", "HTTP 404", "FunctionNotFound", "missing-function");
        assertThat(validationEntry(valid, FcSinkConnector.PRECHECK_WARNINGS).path("value").asText()).isEmpty();
    }

    private static JsonNode validationEntry(JsonNode validation, String key) {
        for (JsonNode config : validation.path("configs")) {
            if (key.equals(config.path("value").path("name").asText())) {
                return config.path("value");
            }
        }
        throw new AssertionError("Validation result has no entry for " + key + ": " + validation);
    }

    private static Map<String, String> sinkConfig(String topic) {
        return OnConnect.sinkConfig(fc, topic);
    }

    /** The ids the function received that lie in {@code [base, base + 100000)}, in order of receipt. */
    private static List<Integer> receivedIds(int base) {
        return fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asInt()).filter(id -> id >= base && id < base + 100_000).toList();
    }

    @Test
    void losesNothingThroughAnOutageOfTheFunctionAndATaskRestartMidStream() throws Exception {
        String topic = "shop.payments";
        String connector = "fc-sink-outage";
        int base = 100_000;
        stack.topics().create(topic, 3);
        OnConnect.produce(stack, topic, 3, base, 0, 20);
        fc.faults().failNext(1_000_000, 503);
        Map<String, String> config = sinkConfig(topic);
        config.put("batch.max.records", "4");
        config.put("max.concurrent.invocations", "3");
        config.put("retry.backoff.initial.ms", "200");
        config.put("retry.backoff.max.ms", "500");
        stack.rest().createOrUpdate(connector, config);
        stack.rest().awaitRunning(connector, 1, TIMEOUT);

        Thread.sleep(3000);
        assertThat(receivedIds(base)).as("nothing arrives while the function is down").isEmpty();
        assertThat(OnConnect.committed(stack, connector)).as("nothing is committed while the function is down")
            .isEmpty();
        fc.faults().clear();
        SinkTaskHarness.await(() -> receivedIds(base).size() >= 60, "the 60 rows after the outage");

        fc.faults().delayResponses(Duration.ofMillis(200));
        OnConnect.produce(stack, topic, 3, base, 20, 20);
        SinkTaskHarness.await(() -> receivedIds(base).size() >= 70, "the restart to happen mid-stream");
        stack.rest().restart(connector, true);
        stack.rest().awaitRunning(connector, 1, TIMEOUT);
        SinkTaskHarness.await(() -> Set.copyOf(receivedIds(base)).size() == 120, "all 120 rows after the restart");
        fc.faults().clear();

        for (int partition = 0; partition < 3; partition++) {
            int first = base + partition * 1000;
            List<Integer> ids = receivedIds(base).stream().filter(id -> id >= first && id < first + 1000).toList();
            assertThat(Set.copyOf(ids)).hasSize(40);
            LOG.info("Partition {}: 40 rows, {} received again after the restart", partition, ids.size() - 40);
            assertThat(isInOrderApartFromRedeliveries(ids)).as("partition %d arrived in offset order, redelivering"
                + " at most from the last commit: %s", partition, ids).isTrue();
        }
        awaitCommitted(connector, Map.of(new TopicPartition(topic, 0), 40L, new TopicPartition(topic, 1), 40L,
            new TopicPartition(topic, 2), 40L));
    }

    /** Each id is the one after the previous, or a step back to an id already received (a redelivery). */
    private static boolean isInOrderApartFromRedeliveries(List<Integer> ids) {
        for (int i = 1; i < ids.size(); i++) {
            int step = ids.get(i) - ids.get(i - 1);
            if (step != 1 && !(step <= 0 && ids.subList(0, i).contains(ids.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static void awaitCommitted(String connector, Map<TopicPartition, Long> expected) {
        OnConnect.awaitCommitted(stack, connector, expected);
    }

    /** The attribute {@code name} of the sink task's plugin metrics MBean. */
    private static double pluginMetric(String name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + CONNECTOR
            + ",*"), null);
        for (ObjectName objectName : names) {
            if (objectName.getKeyProperty("cause") == null) {
                LOG.info("Reading {} of MBean {}", name, objectName);
                return ((Number) server.getAttribute(objectName, name)).doubleValue();
            }
        }
        throw new AssertionError("no plugin metrics MBean for " + CONNECTOR + " among " + names);
    }
}
