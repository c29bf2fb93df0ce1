package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.connect.ConnectRestException;
import dev.binlogfc.teststack.connect.ConnectStackOptions;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.logging.LogCapture;

/**
 * The source side of the secret scan: the database password, once literal and once through a config provider, goes
 * through validation (right and wrong password), the full copy, streaming, a database outage the task waits out, and
 * a connector refused for a wrong password, with our, Connect's and Debezium's loggers at DEBUG; it may appear in no log
 * line, validation answer or task status.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@Tag("integration")
class SourceSecretsNeverLoggedTest {

    private static final String PASSWORD = "db-password-6c1e9f";
    private static final String WRONG_PASSWORD = "wrong-db-password-3b8d";
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    /** As the shipped configs set it: the binlog reader notices the outage and reconnects within seconds. */
    private static final String KEEP_ALIVE = "5000";

    @TempDir
    Path dir;

    @Test
    void theDatabasePasswordAppearsInNoLogLineValidationAnswerOrTaskStatus() throws Exception {
        List<String> answers = new ArrayList<>();
        Path secrets = Files.writeString(dir.resolve("db-secrets.properties"), "password=" + PASSWORD + "\n");
        try (LogCapture logs = new LogCapture(Map.of("dev.binlogfc", Level.DEBUG, "org.apache.kafka.connect",
                    Level.DEBUG, "io.debezium", Level.DEBUG));
             MariaDbServer database = MariaDbServer.start();
             ConnectStack connect = ConnectStack.start(new ConnectStackOptions()
                     .workerProperty("config.providers", "file")
                     .workerProperty("config.providers.file.class",
                             "org.apache.kafka.common.config.provider.FileConfigProvider"))) {
            CanalSourceFixture.prepare(database);
            database.execute("ALTER USER '" + CanalSourceFixture.ACCOUNT + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "INSERT INTO shop.orders VALUES (1, 'copied')");
            CanalSourceFixture configs = new CanalSourceFixture(connect, "secrets");
            Map<String, String> literal = configs.config(database, "tables", "shop.orders", "sync.types",
                    "full,incremental", "connect.keep.alive.interval.ms", KEEP_ALIVE, "database.password", PASSWORD);
            Map<String, String> provided = configs.config(database, "tables", "shop.orders", "sync.types",
                    "full,incremental", "connect.keep.alive.interval.ms", KEEP_ALIVE, "database.password", "${file:" + secrets + ":password}");
            Map<String, String> wrong = configs.config(database, "tables", "shop.orders", "sync.types",
                    "full,incremental", "connect.keep.alive.interval.ms", KEEP_ALIVE, "database.password", WRONG_PASSWORD);
            for (Map<String, String> config : List.of(literal, provided, wrong)) {
                answers.add(connect.rest().validate(CanalSourceFixture.CONNECTOR, config).toString());
            }

            for (Map<String, String> config : List.of(literal, provided)) {
                connect.rest().createOrUpdate(config.get("name"), config);
                awaitRecord(connect, config, "copied");
            }
            database.stopFor(Duration.ofSeconds(10));
            database.execute("INSERT INTO shop.orders VALUES (2, 'streamed')");
            for (Map<String, String> config : List.of(literal, provided)) {
                awaitRecord(connect, config, "streamed");
            }
            // The precheck refuses the wrong password, so Connect refuses to create the connector, naming the cause
            // (it answered HTTP 500, a NullPointerException, before validate gave a value for every key).
            ConnectRestException refused = catchThrowableOfType(ConnectRestException.class,
                    () -> connect.rest().createOrUpdate(wrong.get("name"), wrong));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("Access denied for user 'canal'");
            answers.add(refused.body());
            for (Map<String, String> config : List.of(literal, provided)) {
                answers.add(connect.rest().status(config.get("name")).toString());
            }

            assertThat(String.join("\n", answers)).as("validation answers and statuses")
                    .contains("Access denied").doesNotContain(PASSWORD, WRONG_PASSWORD);
            assertThat(logs.lines()).as("captured log lines").hasSizeGreaterThan(100)
                    .noneSatisfy(line -> assertThat(line).containsAnyOf(PASSWORD, WRONG_PASSWORD));
        }
    }

    private static void awaitRecord(ConnectStack connect, Map<String, String> config, String item) {
        String topic = config.get("topic.prefix") + ".shop.orders";
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (System.nanoTime() < deadline) {
            if (connect.topics().consumeStrings(topic, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                    .anyMatch(record -> record.value().contains("\"item\":\"" + item + "\""))) {
                return;
            }
        }
        throw new AssertionError("no record of item " + item + " arrived on " + topic + " within " + ARRIVAL);
    }
}
