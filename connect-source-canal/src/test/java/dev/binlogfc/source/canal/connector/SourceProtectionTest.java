package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.db.MariaDbServer;

/**
 * What protects the source database and the pipeline on the real stack: the full copy read at a limited rate, and
 * DTS's connection retry window, with the database really stopped and started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SourceProtectionTest {

    private static final int ROWS = 10_000;
    private static final int ROWS_PER_SECOND = 1_000;
    private static final Duration ARRIVAL = Duration.ofSeconds(90);

    private ConnectStack connect;
    private CanalSourceFixture configs;

    @BeforeAll
    void start() {
        connect = ConnectStack.start();
        configs = new CanalSourceFixture(connect, "protect");
    }

    @AfterAll
    void stop() {
        if (connect != null) {
            connect.close();
        }
    }

    /**
     * The copied rows leave the task at the limit (their Kafka timestamps, which the producer sets when the task
     * hands them on); the database is read ahead of them by at most Debezium's queue, here 2,048 rows.
     */
    @Test
    void theFullCopyIsReadAtTheConfiguredRowsPerSecond() throws Exception {
        try (MariaDbServer database = MariaDbServer.start()) {
            CanalSourceFixture.prepare(database);
            database.execute("INSERT INTO shop.orders SELECT seq, CONCAT('item ', seq) FROM shop.seq_1_to_" + ROWS);
            Map<String, String> config = configs.config(database, "tables", "shop.orders", "sync.types",
                    "full,incremental", "throttle.init.rows.per.second", Integer.toString(ROWS_PER_SECOND),
                    "max.queue.size", "2048", "max.batch.size", "512");
            String topic = config.get("topic.prefix") + ".shop.orders";
            connect.rest().createOrUpdate(config.get("name"), config);

            List<ConsumerRecord<String, String>> copied = connect.topics().consumeStrings(topic, ROWS, ARRIVAL);

            assertThat(copied).hasSize(ROWS);
            long firstMillis = copied.get(0).timestamp();
            long lastMillis = copied.get(ROWS - 1).timestamp();
            double rowsPerSecond = (ROWS - 1) * 1000.0 / (lastMillis - firstMillis);
            System.out.printf("Full copy of %,d rows at a limit of %,d rows/s: %,.0f rows/s over %.1f s%n", ROWS,
                    ROWS_PER_SECOND, rowsPerSecond, (lastMillis - firstMillis) / 1000.0);
            assertThat(rowsPerSecond).as("rows/s").isBetween(ROWS_PER_SECOND * 0.9, ROWS_PER_SECOND * 1.1);
            connect.rest().delete(config.get("name"));
        }
    }

    /**
     * Inserts a row every 5 s until one arrives, which shows the task reading the binlog (its start, and Debezium's
     * schema snapshot, may take a while on a busy machine).
     */
    private void awaitStreaming(MariaDbServer database, String topic) {
        for (int row = 1; row <= ARRIVAL.toSeconds() / 5; row++) {
            database.execute("INSERT INTO shop.orders VALUES (" + row + ", 'probe')");
            if (!connect.topics().consumeStrings(topic, 1, Duration.ofSeconds(5)).isEmpty()) {
                return;
            }
        }
        throw new AssertionError("the source did not stream a row within " + ARRIVAL);
    }

    /** Reads the topic from the start until a record holds {@code text}; fails after {@link #ARRIVAL}. */
    private void awaitRecord(String topic, String text) {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (System.nanoTime() < deadline) {
            if (connect.topics().consumeStrings(topic, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                    .anyMatch(record -> record.value().contains(text))) {
                return;
            }
        }
        throw new AssertionError("no record holding " + text + " arrived on " + topic + " within " + ARRIVAL);
    }

    /** An outage shorter than retry.connection.minutes: Debezium reconnects and nothing is lost. */
    @Test
    void aSixtySecondOutageWithinTheWindowIsSurvived() throws Exception {
        try (MariaDbServer database = MariaDbServer.start()) {
            CanalSourceFixture.prepare(database);
            Map<String, String> config = configs.config(database, "tables", "shop.orders");
            String name = config.get("name");
            String topic = config.get("topic.prefix") + ".shop.orders";
            connect.rest().createOrUpdate(name, config);
            awaitStreaming(database, topic);

            database.stopFor(Duration.ofSeconds(60));
            database.execute("INSERT INTO shop.orders VALUES (0, 'after')");

            awaitRecord(topic, "\"item\":\"after\"");
            assertThat(connect.rest().status(name).get("tasks").get(0).get("state").asText()).isEqualTo("RUNNING");
            connect.rest().delete(name);
        }
    }

    /** An outage longer than the window fails the task, and its status says why and what the window was. */
    @Test
    void anOutageLongerThanTheWindowFailsTheTaskNamingTheWindowAndTheCause() throws Exception {
        try (MariaDbServer database = MariaDbServer.start()) {
            CanalSourceFixture.prepare(database);
            Map<String, String> config = configs.config(database, "tables", "shop.orders",
                    "retry.connection.minutes", "1");
            String name = config.get("name");
            connect.rest().createOrUpdate(name, config);
            awaitStreaming(database, config.get("topic.prefix") + ".shop.orders");

            database.stopFor(Duration.ofSeconds(100));

            JsonNode task = connect.rest().status(name).get("tasks").get(0);
            assertThat(task.get("state").asText()).isEqualTo("FAILED");
            assertThat(task.get("trace").asText()).contains("The source database has been unreachable for")
                    .contains("longer than retry.connection.minutes=1");
            connect.rest().delete(name);
        }
    }
}
