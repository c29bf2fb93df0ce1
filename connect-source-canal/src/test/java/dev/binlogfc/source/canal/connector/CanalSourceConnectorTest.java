package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.TableName;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;

/**
 * The precheck through the real Connect REST validate endpoint, against real MariaDB servers configured wrongly on
 * purpose, and the connector creating Canal records through the REST API. One Connect stack serves every test; a
 * correctly configured server holds a database per scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class CanalSourceConnectorTest {

    private static final String CONNECTOR = CanalSourceFixture.CONNECTOR;
    private static final String HOSTNAME = "database.hostname";
    private static final String USER = "database.user";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectStack connect;
    private CanalSourceFixture configs;
    private MariaDbServer good;

    @BeforeAll
    void start() {
        good = MariaDbServer.start();
        CanalSourceFixture.prepare(good);
        good.execute("CREATE DATABASE keyless",
                "CREATE TABLE keyless.events (at DATETIME, what VARCHAR(20))",
                "CREATE TABLE keyless.nullable_codes (code INT, UNIQUE KEY (code))",
                "CREATE TABLE keyless.codes (code INT NOT NULL, UNIQUE KEY (code))",
                "CREATE DATABASE hidden",
                "CREATE TABLE hidden.accounts (id INT PRIMARY KEY, secret VARCHAR(10) INVISIBLE)",
                "CREATE DATABASE stream",
                "CREATE TABLE stream.orders (id INT PRIMARY KEY, item VARCHAR(20))",
                "INSERT INTO stream.orders VALUES (1, 'apple')");
        good.createUser("reader", "reader", "SELECT");
        connect = ConnectStack.start();
        configs = new CanalSourceFixture(connect, "canal");
    }

    @AfterAll
    void stop() {
        if (connect != null) {
            connect.close();
        }
        if (good != null) {
            good.close();
        }
    }

    @Test
    void aCorrectlyConfiguredSourcePassesWithoutWarnings() {
        JsonNode result = validate(config(good, "databases", "shop"));

        assertThat(errorsByKey(result)).isEmpty();
        assertThat(result.get("error_count").asInt()).isZero();
        assertThat(value(result, CanalSourceConnector.PRECHECK_WARNINGS)).isEmpty();
    }

    @Test
    void outputSettingsThatDoNotGiveCanalJsonAreWarningsThatDoNotBlock() {
        Map<String, String> config = config(good, "databases", "shop", "value.converter.schemas.enable", "true",
                "transforms", "canal", "transforms.canal.type", "dev.binlogfc.source.canal.transform.CanalJsonTransform");

        JsonNode result = validate(config);

        assertThat(result.get("error_count").asInt()).isZero();
        assertThat(value(result, CanalSourceConnector.PRECHECK_WARNINGS).lines())
                .anySatisfy(warning -> assertThat(warning).contains("set value.converter.schemas.enable=false"))
                .anySatisfy(warning -> assertThat(warning).startsWith("transforms.canal.type configures the Canal SMT"));
    }

    /** The defaults give DTS's records; each setting of the user's that changes them is named, without blocking. */
    @Test
    void settingsThatDoNotGiveDtsRecordsAreWarningsNamingWhatToRemove() {
        String serverId = good.globalVariable("server_id");
        Map<String, String> config = config(good, "databases", "shop", "canal.timestamp.zone", "+05:00",
                "canal.server.id.fallback", "7", "canal.ddl.delivery", "schema-topic", "skipped.operations", "t",
                "internal.schema.history.internal.ddl.filter",
                io.debezium.relational.history.SchemaHistory.DDL_FILTER.defaultValueAsString());

        JsonNode result = validate(config);

        assertThat(result.get("error_count").asInt()).isZero();
        assertThat(value(result, CanalSourceConnector.PRECHECK_WARNINGS).lines())
                .anySatisfy(warning -> assertThat(warning).startsWith("canal.timestamp.zone is +05:00, but the source"
                        + " server shows TIMESTAMP columns in ").endsWith("remove canal.timestamp.zone to use the"
                        + " server's zone"))
                .anySatisfy(warning -> assertThat(warning).startsWith("canal.server.id.fallback is 7, but the source"
                        + " server's server_id is " + serverId))
                .anySatisfy(warning -> assertThat(warning).startsWith("canal.ddl.delivery is schema-topic"))
                .anySatisfy(warning -> assertThat(warning).startsWith("skipped.operations lists t, so TRUNCATE TABLE"))
                .anySatisfy(warning -> assertThat(warning).isEqualTo("internal.schema.history.internal.ddl.filter"
                        + " drops the DDL of view, procedure, function, trigger statements, which DTS delivers: remove"
                        + " internal.schema.history.internal.ddl.filter to keep them"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "value, the Canal JSON text", "key, the JSON text JsonConverter would write" })
    void aJsonFormWantsStringConverter(String part, String text) {
        String formKey = "canal." + part + ".form";
        String converterKey = part + ".converter";
        JsonNode withJsonConverter = validate(config(good, "databases", "shop", formKey, "json"));
        JsonNode withStringConverter = validate(config(good, "databases", "shop", formKey, "json",
                converterKey, "org.apache.kafka.connect.storage.StringConverter"));

        assertThat(value(withJsonConverter, CanalSourceConnector.PRECHECK_WARNINGS)).contains(
                formKey + "=json makes each " + part + " " + text,
                "set " + converterKey + "=org.apache.kafka.connect.storage.StringConverter");
        assertThat(withStringConverter.get("error_count").asInt()).isZero();
        assertThat(value(withStringConverter, CanalSourceConnector.PRECHECK_WARNINGS)).isEmpty();
    }

    @Test
    void statementBinlogFormatIsAnErrorOnTheServerAndItsFixWorks() {
        try (MariaDbServer statement = MariaDbServer.start(
                new MariaDbServerOptions().serverId(2).variable("binlog_format", "STATEMENT"))) {
            CanalSourceFixture.prepare(statement);

            Map<String, List<String>> errors = errorsByKey(validate(config(statement, "databases", "shop")));

            assertThat(errors).containsOnlyKeys(HOSTNAME);
            assertThat(errors.get(HOSTNAME)).singleElement().asString()
                    .contains("binlog_format is STATEMENT, but must be ROW").contains("SET GLOBAL binlog_format = 'ROW'");

            statement.execute("SET GLOBAL binlog_format = 'ROW'");
            assertThat(errorsByKey(validate(config(statement, "databases", "shop")))).isEmpty();
        }
    }

    @Test
    void mixedFormatMinimalRowImageAndOneDayRetentionAreEachAnError() {
        try (MariaDbServer mixed = MariaDbServer.start(new MariaDbServerOptions().serverId(3)
                .variable("binlog_format", "MIXED")
                .variable("binlog_row_image", "MINIMAL")
                .variable("binlog_expire_logs_seconds", "86400"))) {
            CanalSourceFixture.prepare(mixed);

            Map<String, List<String>> errors = errorsByKey(validate(config(mixed, "databases", "shop")));

            assertThat(errors).containsOnlyKeys(HOSTNAME);
            assertThat(errors.get(HOSTNAME)).satisfiesExactlyInAnyOrder(
                    format -> assertThat(format).contains("binlog_format is MIXED, but must be ROW"),
                    image -> assertThat(image).contains("binlog_row_image is MINIMAL, but must be FULL")
                            .contains("SET GLOBAL binlog_row_image = 'FULL'"),
                    retention -> assertThat(retention).contains("purged after 24 hours")
                            .contains("at least 72 hours").contains("SET GLOBAL binlog_expire_logs_seconds = 259200"));
        }
    }

    @Test
    void retentionBelowSevenDaysIsAWarningThatDoesNotBlock() {
        good.execute("SET GLOBAL binlog_expire_logs_seconds = 432000");
        try {
            JsonNode result = validate(config(good, "databases", "shop"));

            assertThat(result.get("error_count").asInt()).isZero();
            assertThat(value(result, CanalSourceConnector.PRECHECK_WARNINGS))
                    .contains("purged after 120 hours").contains("SET GLOBAL binlog_expire_logs_seconds = 604800");
        } finally {
            good.execute("SET GLOBAL binlog_expire_logs_seconds = 0");
        }
    }

    @Test
    void tablesWithoutARowKeyAreNamedOnTheTablesKey() {
        Map<String, List<String>> errors = errorsByKey(validate(config(good,
                "tables", "keyless.events,keyless.nullable_codes,keyless.codes,shop.orders")));

        assertThat(errors).containsOnlyKeys("tables");
        assertThat(errors.get("tables")).singleElement().asString()
                .contains("NOT NULL columns: keyless.events, keyless.nullable_codes;")
                .doesNotContain("keyless.codes").doesNotContain("shop.orders")
                .contains("ALTER TABLE `keyless`.`events` ADD PRIMARY KEY");
    }

    @Test
    void anAccountWithoutReplicationPrivilegesIsAnErrorOnTheUser() {
        Map<String, String> config = config(good, "databases", "shop");
        config.put(USER, "reader");
        config.put("database.password", "reader");

        Map<String, List<String>> errors = errorsByKey(validate(config));

        assertThat(errors).containsOnlyKeys(USER);
        assertThat(errors.get(USER)).singleElement().asString()
                .contains("GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'reader'@'%'");
    }

    @Test
    void anAccountThatCannotReadAWholeSelectedDatabaseIsAnErrorOnTheUser() {
        good.createUser("partial", "partial", "REPLICATION SLAVE", "BINLOG MONITOR");
        good.execute("GRANT SELECT ON shop.orders TO 'partial'@'%'");
        Map<String, String> config = config(good, "databases", "shop");
        config.put(USER, "partial");
        config.put("database.password", "partial");

        JsonNode result = validate(config);
        Map<String, List<String>> errors = errorsByKey(result);

        assertThat(value(result, CanalSourceConnector.PRECHECK_WARNINGS)).as("SHOW VIEW is only a warning")
                .contains("lacks SHOW VIEW on [shop]").contains("GRANT SHOW VIEW ON `shop`.* TO 'partial'@'%'");
        assertThat(result.get("error_count").asInt()).isEqualTo(1);
        assertThat(errors).containsOnlyKeys(USER);
        assertThat(errors.get(USER)).singleElement().asString()
                .contains("lacks SELECT on the whole of database(s) [shop]")
                .contains("GRANT SELECT ON `shop`.* TO 'partial'@'%'");
        assertThat(errorsByKey(validate(config(good, "tables", "shop.orders", USER, "partial",
                "database.password", "partial")))).isEmpty();
    }

    @Test
    void sslEncryptionIsRequestedFromTheServer() {
        // The test servers run without TLS, so asking for SSL must fail the connection test.
        Map<String, List<String>> errors = errorsByKey(validate(config(good, "databases", "shop",
                "source.encryption", "ssl")));

        assertThat(errors).containsOnlyKeys(HOSTNAME);
        assertThat(errors.get(HOSTNAME)).singleElement().asString().containsIgnoringCase("ssl");
        assertThat(errorsByKey(validate(config(good, "databases", "shop", "source.encryption", "none")))).isEmpty();
    }

    @Test
    void aRefusedLoginIsAnErrorOnTheUser() {
        Map<String, String> config = config(good, "databases", "shop");
        config.put("database.password", "wrong");

        Map<String, List<String>> errors = errorsByKey(validate(config));

        assertThat(errors.get(USER)).singleElement().asString().contains("Login refused for user 'canal'");
    }

    @Test
    void invisibleColumnsAreReportedWithTheAlterThatMakesThemVisible() {
        Map<String, List<String>> errors = errorsByKey(validate(config(good, "databases", "hidden")));

        assertThat(errors).containsOnlyKeys("databases");
        String message = errors.get("databases").get(0);
        String fix = message.substring(message.indexOf("ALTER TABLE"));
        assertThat(fix).isEqualTo("ALTER TABLE `hidden`.`accounts` MODIFY COLUMN `secret` varchar(10) DEFAULT NULL");

        good.execute(fix);
        assertThat(errorsByKey(validate(config(good, "databases", "hidden")))).isEmpty();
    }

    @Test
    void missingDatabasesAndTablesAreErrorsOnTheKeysThatListThem() {
        Map<String, List<String>> errors = errorsByKey(validate(config(good,
                "databases", "shop,nowhere", "tables", "shop.orders,shop.missing")));

        assertThat(errors).containsOnlyKeys("databases", "tables");
        assertThat(errors.get("databases")).singleElement().asString().contains("nowhere").doesNotContain("shop");
        assertThat(errors.get("tables")).singleElement().asString().contains("shop.missing").doesNotContain("shop.orders");
    }

    @Test
    void aSourceTypeThatDoesNotMatchTheServerIsAnError() {
        Map<String, List<String>> errors = errorsByKey(validate(config(good, "databases", "shop", "source.type", "mysql")));

        assertThat(errors.get("source.type")).singleElement().asString().contains("set source.type=mariadb");
    }

    @Test
    void moreThanAThousandTablesAreRejectedBeforeAnyDatabaseCheck() {
        String tables = IntStream.rangeClosed(1, 1001).mapToObj(i -> "shop.t" + i).collect(Collectors.joining(","));

        Map<String, List<String>> errors = errorsByKey(validate(config(good, "tables", tables)));

        assertThat(errors).containsOnlyKeys("tables");
        assertThat(errors.get("tables")).singleElement().asString().contains("at most 1000 tables");
    }

    @Test
    void aMissingHeartbeatTableIsAnErrorAndTheStatementsGivenCreateIt() {
        TableName heartbeat = TableName.parse("ops.heartbeat");
        Map<String, String> config = config(good, "databases", "shop", "heartbeat.table", heartbeat.toString());

        Map<String, List<String>> errors = errorsByKey(validate(config));

        assertThat(errors).containsOnlyKeys("heartbeat.table");
        assertThat(errors.get("heartbeat.table")).singleElement().asString()
                .contains(DebeziumSettings.heartbeatTableDdl(heartbeat))
                .contains("GRANT INSERT, UPDATE ON `ops`.`heartbeat` TO 'canal'@'%'");

        good.execute(DebeziumSettings.heartbeatTableDdl(heartbeat).split("; "));
        good.execute("GRANT INSERT, UPDATE ON `ops`.`heartbeat` TO 'canal'@'%'");
        assertThat(errorsByKey(validate(config))).isEmpty();
    }

    @Test
    void aReplicaWithoutLogSlaveUpdatesIsAnError() throws Exception {
        try (MariaDbServer replica = MariaDbServer.start(new MariaDbServerOptions().serverId(4))) {
            CanalSourceFixture.prepare(replica);
            Map<String, String> primary = good.query("SHOW MASTER STATUS").get(0);
            replica.execute("CHANGE MASTER TO MASTER_HOST = '" + good.host() + "', MASTER_PORT = " + good.port()
                    + ", MASTER_USER = 'root', MASTER_LOG_FILE = '" + primary.get("File") + "', MASTER_LOG_POS = "
                    + primary.get("Position"), "START SLAVE");
            awaitReplicating(replica);

            Map<String, List<String>> errors = errorsByKey(validate(config(replica, "databases", "shop")));

            assertThat(errors).containsOnlyKeys(HOSTNAME);
            assertThat(errors.get(HOSTNAME)).singleElement().asString()
                    .contains("is a replica").contains("set log_slave_updates=ON");
        }
    }

    @Test
    void theConnectorDeliversExistingRowsAsInitThenChangesAndResumesWithoutCopyingAgain() throws Exception {
        TableName heartbeat = new TableName("stream", "heartbeat");
        good.execute(DebeziumSettings.heartbeatTableDdl(heartbeat).split("; "));
        good.execute("GRANT INSERT, UPDATE ON " + heartbeat.quoted() + " TO 'canal'@'%'");
        Map<String, String> config = config(good, "databases", "stream", "sync.types", "full,incremental",
                "heartbeat.table", heartbeat.toString(), "heartbeat.interval.ms", "200");
        String name = config.get("name");
        String prefix = config.get("topic.prefix");
        String topic = prefix + ".stream.orders";
        assertThat(errorsByKey(validate(config))).isEmpty();
        connect.rest().createOrUpdate(name, config);
        try {
            connect.rest().awaitRunning(name, 1, Duration.ofSeconds(60));
            JsonNode init = canalRecords(topic, 1).get(0);
            assertThat(init.get("type").asText()).isEqualTo("INIT");
            assertThat(init.get("data").get(0).get("item").asText()).isEqualTo("apple");

            good.execute("INSERT INTO stream.orders VALUES (2, 'pear')");
            JsonNode insert = canalRecords(topic, 2).get(1);
            assertThat(insert.get("type").asText()).isEqualTo("INSERT");
            assertThat(insert.get("database").asText()).isEqualTo("stream");
            assertThat(insert.get("pkNames").get(0).asText()).isEqualTo("id");
            assertThat(insert.get("data").get(0).get("item").asText()).isEqualTo("pear");

            connect.rest().restart(name, true);
            connect.rest().awaitRunning(name, 1, Duration.ofSeconds(60));
            good.execute("UPDATE stream.orders SET item = 'plum' WHERE id = 2");
            List<JsonNode> afterRestart = canalRecords(topic, 3);
            assertThat(afterRestart).extracting(record -> record.get("type").asText())
                    .containsExactly("INIT", "INSERT", "UPDATE");

            assertThat(connect.topics().consumeStrings("__debezium-heartbeat." + prefix, 1, Duration.ofSeconds(30)))
                    .as("heartbeat records on their own topic").isNotEmpty();
            assertThat(connect.topics().consumeStrings(prefix + ".stream.heartbeat", 1, Duration.ofSeconds(3)))
                    .as("changes of the heartbeat table").isEmpty();
        } finally {
            connect.rest().delete(name);
        }
    }

    @Test
    void timestampsShowTheServersZoneFullCopyRowsCarryItsServerIdAndNoSchemaStatement() throws Exception {
        String serverId = "31";
        try (MariaDbServer eastern = MariaDbServer.start(new MariaDbServerOptions().serverId(Long.parseLong(serverId))
                .variable("default_time_zone", "+08:00"))) {
            CanalSourceFixture.prepare(eastern);
            eastern.execute("CREATE TABLE shop.stamps (id INT PRIMARY KEY, at TIMESTAMP NULL)",
                    "INSERT INTO shop.stamps VALUES (1, '2024-06-01 12:00:00')");
            Map<String, String> config = config(eastern, "tables", "shop.stamps", "sync.types", "full,incremental");
            String name = config.get("name");
            String prefix = config.get("topic.prefix");
            connect.rest().createOrUpdate(name, config);
            try {
                connect.rest().awaitRunning(name, 1, Duration.ofSeconds(60));
                canalRecords(prefix + ".shop.stamps", 1);
                eastern.execute("INSERT INTO shop.stamps VALUES (2, '2024-12-31 23:59:59')");
                List<JsonNode> records = canalRecords(prefix + ".shop.stamps", 2);
                Map<String, String> jdbcById = eastern.query("SELECT id, at FROM shop.stamps").stream()
                        .collect(Collectors.toMap(row -> row.get("id"), row -> row.get("at")));

                // DDL goes to the table's topic, so a CREATE TABLE of the full copy would stand before the INIT row.
                assertThat(records).extracting(record -> record.get("type").asText()).containsExactly("INIT", "INSERT");
                assertThat(records).extracting(record -> record.get("serverId").asText()).containsOnly(serverId);
                assertThat(records).allSatisfy(record -> {
                    JsonNode row = record.get("data").get(0);
                    assertThat(row.get("at").asText()).isEqualTo(jdbcById.get(row.get("id").asText()));
                });
                assertThat(jdbcById.get("1")).as("the server's local value").isEqualTo("2024-06-01 12:00:00");
            } finally {
                connect.rest().delete(name);
            }
        }
    }

    private static void awaitReplicating(MariaDbServer replica) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!"0".equals(replica.query("SHOW GLOBAL STATUS LIKE 'Slaves_running'").get(0).get("Value"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Replica did not start: " + replica.query("SHOW SLAVE STATUS"));
    }

    private List<JsonNode> canalRecords(String topic, int count) throws Exception {
        List<ConsumerRecord<String, String>> records = connect.topics().consumeStrings(topic, count, Duration.ofSeconds(60));
        assertThat(records).as("records on " + topic).hasSize(count);
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            values.add(JSON.readTree(record.value()));
        }
        return values;
    }


    private Map<String, String> config(MariaDbServer server, String... keyValues) {
        return configs.config(server, keyValues);
    }

    private JsonNode validate(Map<String, String> config) {
        return connect.rest().validate(CONNECTOR, config);
    }

    private static Map<String, List<String>> errorsByKey(JsonNode result) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : result.get("configs")) {
            // Keys the connector defines but the config does not mention have no value entry.
            JsonNode value = config.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(message -> messages.add(message.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.get("name").asText(), messages);
            }
        }
        return errors;
    }

    private static String value(JsonNode result, String key) {
        for (JsonNode config : result.get("configs")) {
            if (key.equals(config.path("value").path("name").asText())) {
                return config.get("value").get("value").asText();
            }
        }
        throw new AssertionError("No entry " + key + " in " + result.toPrettyString());
    }
}
