package dev.binlogfc.sink.fc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the tests of the sink in a real Connect worker share: rows, their producer, configs and committed offsets. */
final class OnConnect {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnConnect() {
    }

    /** A Canal row whose id encodes where it was produced: {@code base + partition * 1000 + offset}. */
    static String row(int base, int partition, int offset, String data) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", base + partition * 1000 + offset);
        row.put("database", "shop");
        row.put("table", "orders");
        row.put("type", "INSERT");
        row.put("es", System.currentTimeMillis());
        row.put("ts", 0);
        row.put("data", List.of(Map.of("note", data)));
        return JSON.writeValueAsString(row);
    }

    /**
     * Rows {@code fromOffset} to {@code fromOffset + count - 1} of each partition, keyed key-offset, each at the
     * offset of its number. Checked: a broker that loses or repeats some of them under load would otherwise show
     * up as a failure of the sink.
     */
    static void produce(ConnectStack stack, String topic, int partitions, int base, int fromOffset, int count)
        throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (int offset = fromOffset; offset < fromOffset + count; offset++) {
                for (int partition = 0; partition < partitions; partition++) {
                    producer.send(new ProducerRecord<>(topic, partition, "key-" + offset,
                        row(base, partition, offset, "row " + offset)));
                }
            }
            producer.flush();
        }
        List<TopicPartition> written = IntStream.range(0, partitions)
            .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
        Map<TopicPartition, Long> expected = new HashMap<>();
        written.forEach(partition -> expected.put(partition, (long) fromOffset + count));
        Map<TopicPartition, Long> ends = endOffsets(stack, written);
        if (!ends.equals(expected)) {
            throw new IllegalStateException("the broker holds " + ends + " records of " + topic + ", not " + expected
                + "; producing the test's rows went wrong");
        }
    }

    /** The sink reading {@code topic} into the local endpoint's function, with String keys and JSON values. */
    static Map<String, String> sinkConfig(FcLocalEndpoint fc, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FcSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.putAll(functionSettings(fc));
        return config;
    }

    /** {@code config} with errors.tolerance=all and a dead-letter topic whose records carry the error's context. */
    static Map<String, String> withDeadLetterQueue(Map<String, String> config, String deadLetterTopic) {
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetterTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    /** The last value of the header {@code name} as UTF-8 text, or null when the record has none. */
    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The settings that point the sink at the local endpoint's function. */
    static Map<String, String> functionSettings(FcLocalEndpoint fc) {
        return Map.of("target.type", "fc2", "fc.endpoint", fc.url(), "fc.service.name", fc.serviceName(),
            "fc.function.name", fc.functionName(), "fc.access.key.id", "test-key",
            "fc.access.key.secret", "test-secret");
    }

    static void awaitCommitted(ConnectStack stack, String connector, Map<TopicPartition, Long> expected) {
        awaitCommitted(stack, connector, expected, SinkTaskHarness.TIMEOUT);
    }

    static void awaitCommitted(ConnectStack stack, String connector, Map<TopicPartition, Long> expected,
                               Duration timeout) {
        SinkTaskHarness.await(() -> committed(stack, connector).equals(expected), "Connect to commit " + expected,
            timeout);
    }

    static Map<TopicPartition, Long> committed(ConnectStack stack, String connector) {
        try (Admin admin = admin(stack)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connector)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            return committed;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the committed offsets of " + connector, e);
        }
    }

    /** The end offset of each of {@code partitions}. */
    static Map<TopicPartition, Long> endOffsets(ConnectStack stack, List<TopicPartition> partitions)
        throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        try (Admin admin = admin(stack)) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    private static Admin admin(ConnectStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }
}
