package dev.binlogfc.teststack.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.teststack.db.MariaDbServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves the stack is real (a Debezium MariaDB source, created over REST, streams a real binlog into Kafka) and that
 * the REST client and topic helpers behave as documented. One MariaDB and one Connect stack serve every test.
 */
@Tag("integration")
class ConnectStackTest {

    private static final String MARIADB_CONNECTOR = "io.debezium.connector.mariadb.MariaDbConnector";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectStackTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static MariaDbServer mariaDb;
    private static ConnectStack stack;

    @BeforeAll
    static void startStack() {
        long started = System.nanoTime();
        mariaDb = MariaDbServer.start();
        long mariaDbStarted = System.nanoTime();
        mariaDb.execute("CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(40) NOT NULL, qty INT NOT NULL)",
                "INSERT INTO shop.orders VALUES (1, 'apple', 3), (2, 'pear', 1), (3, 'plum', 7)");
        mariaDb.createDebeziumUser("debezium", "dbz");
        stack = ConnectStack.start();
        long stackStarted = System.nanoTime();
        LOG.info("Start-up: MariaDB {} ms, Kafka + Connect {} ms", (mariaDbStarted - started) / 1_000_000,
                (stackStarted - mariaDbStarted) / 1_000_000);
    }

    @AfterAll
    static void stopStack() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (mariaDb != null) {
                mariaDb.close();
            }
        }
    }

    @Test
    void smokeTestDebeziumSnapshotRowsThenAnInsertArriveOnTheTableTopic() throws Exception {
        long started = System.nanoTime();
        stack.rest().createOrUpdate("shop-source", sourceConfig("smoke", 5401));
        stack.rest().awaitRunning("shop-source", 1, TIMEOUT);

        List<JsonNode> snapshot = values(stack.topics().consumeStrings("smoke.shop.orders", 3, TIMEOUT));
        assertThat(snapshot).extracting(value -> value.path("op").asText()).containsOnly("r");
        assertThat(snapshot).extracting(value -> value.path("after").path("item").asText())
                .containsExactly("apple", "pear", "plum");

        mariaDb.execute("INSERT INTO shop.orders VALUES (4, 'fig', 2)");

        List<JsonNode> all = values(stack.topics().consumeStrings("smoke.shop.orders", 4, TIMEOUT));
        assertThat(all).hasSize(4);
        JsonNode insert = all.get(3);
        assertThat(insert.path("op").asText()).isEqualTo("c");
        assertThat(insert.path("after").path("id").asInt()).isEqualTo(4);
        assertThat(insert.path("after").path("item").asText()).isEqualTo("fig");
        assertThat(insert.path("source").path("server_id").asLong()).isEqualTo(1);
        LOG.info("Snapshot and insert delivered in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void restErrorsCarryStatusAndBody() {
        assertThatThrownBy(() -> stack.rest().status("no-such-connector"))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.body()).contains("no-such-connector");
                });
    }

    @Test
    void createRejectsAConfigThatCannotConnectWithTheValidationErrors() {
        Map<String, String> config = sourceConfig("badpass", 5403);
        config.put("database.password", "wrong");

        assertThatThrownBy(() -> stack.rest().createOrUpdate("bad-password", config))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).contains("Access denied");
                });
    }

    @Test
    void validateNamesEachMissingKey() {
        Map<String, String> config = sourceConfig("invalid", 5404);
        config.put("name", "invalid");
        config.remove("topic.prefix");

        JsonNode result = stack.rest().validate(MARIADB_CONNECTOR, config);

        assertThat(result.path("error_count").asInt()).isEqualTo(1);
        assertThat(errorsOf(result, "topic.prefix")).isNotEmpty();
        assertThat(errorsOf(result, "database.hostname")).isEmpty();
    }

    @Test
    void connectorCanBePausedResumedRestartedAndDeleted() throws Exception {
        stack.rest().createOrUpdate("lifecycle", sourceConfig("lifecycle", 5402));
        stack.rest().awaitRunning("lifecycle", 1, TIMEOUT);

        stack.rest().pause("lifecycle");
        awaitConnectorState("lifecycle", "PAUSED");
        stack.rest().resume("lifecycle");
        stack.rest().awaitRunning("lifecycle", 1, TIMEOUT);
        stack.rest().restart("lifecycle", true);
        JsonNode status = stack.rest().awaitRunning("lifecycle", 1, TIMEOUT);
        assertThat(status.path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");

        stack.rest().delete("lifecycle");
        awaitDeleted("lifecycle");
    }

    @Test
    void awaitRunningStopsAtAFailedTaskWithItsTrace() {
        stack.rest().createOrUpdate("failing", Map.of("connector.class", FailingSourceConnector.class.getName(),
                "tasks.max", "1", "topic", "unused"));

        Instant started = Instant.now();
        assertThatThrownBy(() -> stack.rest().awaitRunning("failing", 1, TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Connector failing failed")
                .hasMessageContaining(FailingSourceConnector.FAILURE_MESSAGE);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
        stack.rest().delete("failing");
    }

    @Test
    void awaitRunningGivesUpAfterTheTimeoutNamingTheConnector() {
        assertThatThrownBy(() -> stack.rest().awaitRunning("never-created", 1, Duration.ofMillis(600)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never-created")
                .hasMessageContaining("404");
    }

    @Test
    void topicsAreReadFromTheBeginningUpToTheRequestedCount() throws Exception {
        stack.topics().create("two-partitions", 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("two-partitions", i % 2, "k" + i, "v" + i)).get();
            }
        }

        assertThat(stack.topics().consumeStrings("two-partitions", 3, TIMEOUT))
                .extracting(ConsumerRecord::value).containsExactlyInAnyOrder("v0", "v1", "v2");
        assertThat(stack.topics().consumeBytes("two-partitions", 2, TIMEOUT)).hasSize(2)
                .allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("v"));
    }

    @Test
    void readingATopicThatDoesNotExistReturnsNothingAndDoesNotCreateIt() throws Exception {
        assertThat(stack.topics().consumeStrings("absent-topic", 1, Duration.ofSeconds(1))).isEmpty();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain("absent-topic");
        }
    }

    @Test
    void restUrlIsOnTheLoopbackAddress() {
        assertThat(stack.restUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    /** The config that works against {@link MariaDbServer}; each connector needs its own prefix and server id. */
    private static Map<String, String> sourceConfig(String topicPrefix, long replicaServerId) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", MARIADB_CONNECTOR);
        config.put("tasks.max", "1");
        config.put("database.hostname", mariaDb.host());
        config.put("database.port", Integer.toString(mariaDb.port()));
        config.put("database.user", "debezium");
        config.put("database.password", "dbz");
        config.put("database.server.id", Long.toString(replicaServerId));
        config.put("topic.prefix", topicPrefix);
        config.put("database.include.list", "shop");
        config.put("schema.history.internal.kafka.bootstrap.servers", stack.bootstrapServers());
        config.put("schema.history.internal.kafka.topic", topicPrefix + ".schema-history");
        config.put("snapshot.mode", "initial");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static List<JsonNode> errorsOf(JsonNode validation, String key) {
        for (JsonNode config : validation.path("configs")) {
            if (key.equals(config.path("value").path("name").asText())) {
                List<JsonNode> errors = new ArrayList<>();
                config.path("value").path("errors").forEach(errors::add);
                return errors;
            }
        }
        throw new AssertionError("Validation result has no entry for " + key + ": " + validation);
    }

    private static void awaitConnectorState(String name, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!state.equals(stack.rest().status(name).path("connector").path("state").asText())) {
            assertThat(Instant.now()).as("%s reaching %s", name, state).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** Deletion is applied asynchronously: the status disappears shortly after DELETE returns. */
    private static void awaitDeleted(String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            try {
                stack.rest().status(name);
            } catch (ConnectRestException e) {
                assertThat(e.status()).isEqualTo(404);
                return;
            }
            assertThat(Instant.now()).as("%s being deleted", name).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static List<JsonNode> values(List<ConsumerRecord<String, String>> records) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            values.add(JSON.readTree(record.value()));
        }
        return values;
    }
}
