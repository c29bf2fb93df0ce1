package dev.binlogfc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Large rows through the example connectors as shipped (their producer, topic, consumer, sink and size limits): a
 * 15 MiB LONGTEXT row reaches the function as one record; a 17 MiB one stops the source task with an error naming
 * table, key, size and setting (the shipped errors.tolerance is none), and reaches nothing. With Kafka's defaults
 * (1 MB) the 15 MiB row would already fail at the source's producer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class LargeRowEndToEndTest {

    private static final int MIB = 1024 * 1024;
    private static final String TABLE = LocalPipeline.DATABASE + ".bigTable";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private LocalPipeline pipeline;

    @BeforeAll
    void startPipeline() throws Exception {
        // The database must hold and build a 17 MiB value; 16 MiB is MariaDB's default packet limit.
        pipeline = LocalPipeline.startWith(new PipelineOptions()
                .setupStatement("SET GLOBAL max_allowed_packet = " + 64 * MIB)
                .setupStatement("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, body LONGTEXT)"));
        pipeline.function().awaitRecords(2, Duration.ofSeconds(60));
    }

    @AfterAll
    void stopPipeline() {
        LocalPipeline.closeAll(pipeline);
    }

    @Test
    @Order(1)
    void aFifteenMebibyteRowArrivesAsOneRecord() throws Exception {
        // REPEAT builds the value on the server, so the statement itself stays small.
        pipeline.database().execute("INSERT INTO " + TABLE + " VALUES (1, REPEAT('x', " + 15 * MIB + "))");

        List<JsonNode> rows = awaitInserts(1);

        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0).get("data").get(0);
        assertThat(row.get("id").asText()).isEqualTo("1");
        assertThat(row.get("body").asText()).hasSize(15 * MIB).matches("x+");
    }

    @Test
    @Order(2)
    void aSeventeenMebibyteRowFailsTheSourceTaskNamingTableKeySizeAndSetting() throws Exception {
        pipeline.database().execute("INSERT INTO " + TABLE + " VALUES (2, REPEAT('y', " + 17 * MIB + "))");

        String trace = awaitFailedSourceTask();

        assertThat(trace).contains("table binlogfc.demoDatabase.bigTable", "with key {\"id\":2}",
                "more than the 17825792 bytes of transforms.<name>.max.bytes", "producer.override.max.request.size");
        assertThat(trace).containsPattern("is 1[78]\\d{6} bytes");
        assertThat(awaitInserts(1)).as("only the 15 MiB row was delivered").hasSize(1);
    }

    private List<JsonNode> awaitInserts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<JsonNode> inserts = inserts();
        while (inserts.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(500);
            inserts = inserts();
        }
        return inserts;
    }

    private List<JsonNode> inserts() {
        return pipeline.function().receivedBatches().stream().map(ReceivedBatch::records).flatMap(List::stream)
                .filter(record -> "bigTable".equals(record.path("table").asText())
                        && "INSERT".equals(record.path("type").asText()))
                .toList();
    }

    private String awaitFailedSourceTask() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode task = pipeline.connect().rest().status(pipeline.source().name()).path("tasks").path(0);
            if ("FAILED".equals(task.path("state").asText())) {
                return task.path("trace").asText();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The source task did not fail within " + TIMEOUT);
    }
}
