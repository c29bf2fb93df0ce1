package dev.binlogfc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The backbone on the real stack: MariaDB binlog -> Debezium + Canal SMT -> Kafka -> FC sink -> FC-compatible
 * endpoint, connectors posted through the Connect REST API from examples/connectors, as users do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EndToEndTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = LocalPipeline.DATABASE + ".demoTable";

    private LocalPipeline pipeline;
    private long startedAt;

    @BeforeAll
    void startPipeline() throws Exception {
        startedAt = System.currentTimeMillis();
        pipeline = LocalPipeline.start(null);
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void existingRowsArriveAsInit() throws Exception {
        List<JsonNode> records = awaitRecords(2);

        assertThat(records).extracting(r -> r.get("type").asText()).containsOnly("INIT");
        assertThat(records).extracting(r -> r.get("data").get(0).get("name").asText())
                .containsExactlyInAnyOrder("xiaoming", "xiaohong");
        JsonNode xiaoming = records.stream().filter(name("xiaoming")).findFirst().orElseThrow();
        assertDtsFields(xiaoming, "INIT");
        assertThat(xiaoming.get("data")).isEqualTo(json("[{\"name\":\"xiaoming\",\"sex\":\"man\",\"age\":\"10\"}]"));
        assertThat(xiaoming.get("old").isNull()).isTrue();
    }

    @Test
    @Order(2)
    void dmlArrivesInCommitOrderInTheDtsShape() throws Exception {
        int before = receivedRecords().size();
        pipeline.database().execute(
                "INSERT INTO " + TABLE + " VALUES ('xiaogang', 'man', 9)",
                "UPDATE " + TABLE + " SET age = 11 WHERE name = 'xiaoming'",
                "DELETE FROM " + TABLE + " WHERE name = 'xiaohong'");
        pipeline.database().execute(transaction(
                "INSERT INTO " + TABLE + " VALUES ('a1', NULL, 1), ('a2', 'woman', 2)",
                "UPDATE " + TABLE + " SET age = age + 100 WHERE name IN ('a1', 'a2')"));

        List<JsonNode> records = awaitRecords(before + 7).subList(before, before + 7);

        assertThat(records).extracting(r -> r.get("type").asText() + " " + r.get("data").get(0).get("name").asText())
                .containsExactly("INSERT xiaogang", "UPDATE xiaoming", "DELETE xiaohong",
                        "INSERT a1", "INSERT a2", "UPDATE a1", "UPDATE a2");
        records.forEach(r -> assertDtsFields(r, r.get("type").asText()));

        JsonNode update = records.get(1);
        assertThat(update.get("data")).isEqualTo(json("[{\"name\":\"xiaoming\",\"sex\":\"man\",\"age\":\"11\"}]"));
        assertThat(update.get("old")).isEqualTo(json("[{\"name\":\"xiaoming\",\"sex\":\"man\",\"age\":\"10\"}]"));
        assertThat(update.get("serverId").asText()).isEqualTo(Long.toString(LocalPipeline.SOURCE_SERVER_ID));

        JsonNode delete = records.get(2);
        assertThat(delete.get("data")).isEqualTo(json("[{\"name\":\"xiaohong\",\"sex\":\"woman\",\"age\":\"12\"}]"));
        assertThat(delete.get("old").isNull()).isTrue();

        assertThat(records.get(3).get("data").get(0).get("sex").isNull()).as("SQL NULL is JSON null").isTrue();
        assertThat(records.get(5).get("old")).isEqualTo(json("[{\"name\":\"a1\",\"sex\":null,\"age\":\"1\"}]"));
        assertThat(records.subList(3, 7)).extracting(r -> r.get("es").asLong()).as("one transaction, one commit time")
                .containsOnly(records.get(3).get("es").asLong());
        assertThat(records).extracting(r -> r.get("id").asLong()).doesNotHaveDuplicates();
    }

    @Test
    @Order(3)
    void restartingOrRecreatingTheSinkMidStreamLosesNothing() throws Exception {
        pipeline.database().execute("CREATE TABLE " + LocalPipeline.DATABASE + ".counter ("
                + "k INT NOT NULL PRIMARY KEY, version INT NOT NULL)");
        int rows = 300;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int k = 1; k <= rows; k++) {
                pipeline.database().execute("INSERT INTO " + LocalPipeline.DATABASE + ".counter VALUES (" + k + ", 1)",
                        "UPDATE " + LocalPipeline.DATABASE + ".counter SET version = 2 WHERE k = " + k);
            }
        });
        awaitCounterRecords(rows / 3);
        pipeline.connect().rest().restart(pipeline.sink().name(), true);
        awaitCounterRecords(rows);
        // Removed while the writer goes on, then posted again: it must resume from its committed offsets.
        pipeline.connect().rest().delete(pipeline.sink().name());
        writer.get(2, TimeUnit.MINUTES);
        pipeline.startConnector(pipeline.sink());

        List<JsonNode> counter = awaitCounterRecords(2 * rows);

        Map<Long, JsonNode> byId = new HashMap<>();
        Map<String, Integer> lastVersion = new HashMap<>();
        for (JsonNode record : counter) {
            JsonNode earlier = byId.putIfAbsent(record.get("id").asLong(), record);
            if (earlier != null) {
                assertThat(record.get("data")).as("a redelivery carries the same id and row").isEqualTo(earlier.get("data"));
                continue;
            }
            String key = record.get("data").get(0).get("k").asText();
            int version = record.get("data").get(0).get("version").asInt();
            assertThat(version).as("per-key order for k=" + key).isGreaterThan(lastVersion.getOrDefault(key, 0));
            lastVersion.put(key, version);
        }
        assertThat(byId).as("every change delivered").hasSize(2 * rows);
        assertThat(lastVersion).hasSize(rows).allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
    }

    private void assertDtsFields(JsonNode record, String type) {
        List<String> fields = new ArrayList<>();
        record.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the SMT's field order survives Kafka and the sink").containsExactly("id", "database",
                "table", "pkNames", "isDdl", "type", "es", "ts", "sql", "sqlType", "mysqlType", "data", "old", "serverId");
        assertThat(record.get("type").asText()).isEqualTo(type);
        assertThat(record.get("isDdl").asBoolean()).isFalse();
        assertThat(record.get("database").asText()).isEqualTo(LocalPipeline.DATABASE);
        assertThat(record.get("table").asText()).isEqualTo("demoTable");
        assertThat(record.get("pkNames")).isEqualTo(json("[\"name\"]"));
        assertThat(record.get("sql").asText()).isEmpty();
        assertThat(record.get("sqlType")).isEqualTo(json("{\"name\":253,\"sex\":253,\"age\":3}"));
        assertThat(record.get("mysqlType")).isEqualTo(json("{\"name\":\"varchar\",\"sex\":\"varchar\",\"age\":\"int\"}"));
        assertThat(record.get("id").isIntegralNumber()).isTrue();
        long es = record.get("es").asLong();
        long ts = record.get("ts").asLong();
        assertThat(es).as("es: 13-digit epoch ms, when the change executed").isBetween(startedAt - 1000, ts);
        assertThat(ts).as("ts: 13-digit epoch ms, when delivery started").isLessThanOrEqualTo(System.currentTimeMillis());
    }

    private List<JsonNode> awaitRecords(int count) throws InterruptedException {
        pipeline.function().awaitRecords(count, ARRIVAL);
        return receivedRecords();
    }

    private List<JsonNode> awaitCounterRecords(int distinct) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        List<JsonNode> counter;
        do {
            counter = receivedRecords().stream().filter(r -> r.get("table").asText().equals("counter")).toList();
            if (counter.stream().map(r -> r.get("id").asLong()).distinct().count() >= distinct) {
                return counter;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the function received " + counter.size() + " counter records, expected " + distinct
                + " distinct ones within " + ARRIVAL);
    }

    private List<JsonNode> receivedRecords() {
        List<JsonNode> records = new ArrayList<>();
        for (ReceivedBatch batch : pipeline.function().receivedBatches()) {
            records.addAll(batch.records());
        }
        return records;
    }

    private static Predicate<JsonNode> name(String name) {
        return r -> r.get("data").get(0).get("name").asText().equals(name);
    }

    private static String[] transaction(String... statements) {
        String[] all = new String[statements.length + 2];
        all[0] = "START TRANSACTION";
        System.arraycopy(statements, 0, all, 1, statements.length);
        all[all.length - 1] = "COMMIT";
        return all;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
