package dev.binlogfc.sink.fc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sink under delivery.order=key in a real Connect worker, against a function that takes 40 ms per call: one
 * partition's batches run concurrently, and the changes of each of a few keys, colliding on purpose, still reach
 * the function in the order they were written.
 */
@Tag("integration")
class KeyOrderOnConnectTest extends OnConnectWorker {

    private static final String CONNECTOR = "fc-sink-key-order";
    private static final String TOPIC = "shop.accounts";
    private static final int CHANGES = 400;
    private static final int KEYS = 12;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();


    /** An UPDATE of account {@code key} whose Canal id is its place in the stream. */
    private static String change(int id, int key) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("database", "shop");
        row.put("table", "accounts");
        row.put("pkNames", List.of("account_id"));
        row.put("isDdl", false);
        row.put("type", "UPDATE");
        row.put("es", System.currentTimeMillis());
        row.put("ts", 0);
        row.put("data", List.of(Map.of("account_id", Integer.toString(key), "balance", Integer.toString(id))));
        row.put("old", List.of(Map.of("balance", Integer.toString(id - 1))));
        return JSON.writeValueAsString(row);
    }

    @Test
    void keepsEachKeysChangesInOrderWhileBatchesOfOnePartitionRunConcurrently() throws Exception {
        stack.topics().create(TOPIC, 1);
        Map<Integer, List<Integer>> written = new HashMap<>();
        SplittableRandom random = new SplittableRandom(21);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (int id = 0; id < CHANGES; id++) {
                // A few hot keys take most changes, so that batches collide on them.
                int key = random.nextInt(4) == 0 ? random.nextInt(KEYS) : random.nextInt(3);
                written.computeIfAbsent(key, unused -> new ArrayList<>()).add(id);
                producer.send(new ProducerRecord<>(TOPIC, 0, "account-" + key, change(id, key)));
            }
            producer.flush();
        }
        fc.faults().functionLatency(Duration.ofMillis(40), Duration.ZERO);

        Map<String, String> config = OnConnect.sinkConfig(fc, TOPIC);
        config.put("delivery.order", "key");
        config.put("max.in.flight.batches.per.partition", "8");
        config.put("max.concurrent.invocations", "8");
        config.put("batch.max.records", "5");
        stack.rest().createOrUpdate(CONNECTOR, config);
        stack.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
        fc.awaitRecords(CHANGES, TIMEOUT);
        OnConnect.awaitCommitted(stack, CONNECTOR, Map.of(new TopicPartition(TOPIC, 0), (long) CHANGES), TIMEOUT);

        Map<Integer, List<Integer>> received = new HashMap<>();
        fc.receivedBatches().stream().flatMap(batch -> batch.records().stream()).forEach(record -> {
            JsonNode data = record.path("data").get(0);
            received.computeIfAbsent(data.path("account_id").asInt(), unused -> new ArrayList<>())
                .add(record.path("id").asInt());
        });
        assertThat(received).as("each key's changes in the order written").isEqualTo(written);
        assertThat(fc.highestConcurrency()).as("batches of the one partition ran concurrently").isGreaterThan(1);
    }
}
