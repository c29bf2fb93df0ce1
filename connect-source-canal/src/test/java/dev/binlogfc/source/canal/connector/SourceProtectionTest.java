package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
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
@Tag("integration")
class SourceProtectionTest {

    private static final int ROWS = 20_000;
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
     * hands them on); the database is read ahead of them by at most Debezium's queue, here 2,048 rows. The limit is a
     * third of what the same copy reaches unthrottled on this machine at the time, so that it is the limit, not the
     * machine, that is measured.
     */
    @Test
    void theFullCopyIsReadAtTheConfiguredRowsPerSecond() throws Exception {
        try (MariaDbServer database = MariaDbServer.start()) {
            CanalSourceFixture.prepare(database);
            database.execute("INSERT INTO shop.orders SELECT seq, CONCAT('item ', seq) FROM shop.seq_1_to_" + ROWS);
            double unthrottled = copyRate(database);
            long limit = Math.round(unthrottled / 3);

            double throttled = copyRate(database, "throttle.init.rows.per.second", Long.toString(limit));

            System.out.printf("Full copy of %,d rows: %,.0f rows/s unthrottled, %,.0f rows/s at a limit of %,d%n",
                    ROWS, unthrottled, throttled, limit);
            assertThat(throttled).as("rows/s at a limit of %d", limit).isBetween(limit * 0.9, limit * 1.1);
        }
    }

    /** Copies shop.orders with a new connector and returns the rows per second it handed on. */
    private double copyRate(MariaDbServer database, String... settings) {
        String[] keyValues = new String[settings.length + 8];
        System.arraycopy(new String[] {"tables", "shop.orders", "sync.types", "full,incremental", "max.queue.size",
            "2048", "max.batch.size", "512"}, 0, keyValues, 0, 8);
        System.arraycopy(settings, 0, keyValues, 8, settings.length);
        Map<String, String> config = configs.config(database, keyValues);
        connect.rest().createOrUpdate(config.get("name"), config);
        List<ConsumerRecord<String, String>> copied = connect.topics().consumeStrings(
                config.get("topic.prefix") + ".shop.orders", ROWS, ARRIVAL);
        connect.rest().delete(config.get("name"));
        assertThat(copied).hasSize(ROWS);
        return (ROWS - 1) * 1000.0 / (copied.get(ROWS - 1).timestamp() - copied.get(0).timestamp());
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

            configs.awaitRecord(topic, "\"item\":\"after\"", ARRIVAL);
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
