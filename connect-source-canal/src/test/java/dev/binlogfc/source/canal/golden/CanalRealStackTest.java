package dev.binlogfc.source.canal.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.flink.table.api.DataTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;

/**
 * The Canal SMT on the real stack: MariaDB binlog, Debezium's MariaDB connector posted through the Connect REST API
 * with the SMT, records read back from Kafka. The spec for every value is what JDBC getString (the MySQL text
 * protocol) shows for the same row; the exact records are checked in as golden files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class CanalRealStackTest {

    private static final long SOURCE_SERVER_ID = 27142679L;
    /** The source server's time zone, which the source connector hands to the SMT as timestamp.zone. */
    private static final String SERVER_TIME_ZONE = "+08:00";
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "gold." + AllTypesTable.QUALIFIED;
    /** The same table through a second connector with value.form=json, key.form=json and StringConverter. */
    private static final String JSON_FORM_TOPIC = "goldjson." + AllTypesTable.QUALIFIED;
    private static final String ZERO_DATE = "0000-00-00";
    /** The verb and object kind of a DDL statement, e.g. CREATE and VIEW in CREATE ALGORITHM=... VIEW `v` AS ... */
    private static final Pattern DDL_KIND = Pattern.compile("(?is)^\\s*(CREATE|ALTER|DROP|RENAME)\\b.*?\\b(TABLE|INDEX|VIEW|PROCEDURE|FUNCTION|TRIGGER)\\b");
    /** Every kind of DDL the DTS documentation lists, in an order that MariaDB accepts. */
    private static final List<String> DDL_STATEMENTS = List.of(
            "CREATE TABLE golden.ddl_t (id INT NOT NULL PRIMARY KEY, v INT)",
            "ALTER TABLE golden.ddl_t ADD COLUMN w VARCHAR(10)",
            "CREATE INDEX idx_v ON golden.ddl_t (v)",
            "DROP INDEX idx_v ON golden.ddl_t",
            "RENAME TABLE golden.ddl_t TO golden.ddl_t2",
            "TRUNCATE TABLE golden.ddl_t2",
            "CREATE VIEW golden.ddl_v AS SELECT id FROM golden.ddl_t2",
            "ALTER VIEW golden.ddl_v AS SELECT id, v FROM golden.ddl_t2",
            "DROP VIEW golden.ddl_v",
            "CREATE PROCEDURE golden.ddl_p() SELECT 1",
            "ALTER PROCEDURE golden.ddl_p COMMENT 'changed'",
            "DROP PROCEDURE golden.ddl_p",
            "CREATE FUNCTION golden.ddl_f() RETURNS INT DETERMINISTIC RETURN 1",
            "DROP FUNCTION golden.ddl_f",
            "CREATE TRIGGER golden.ddl_tr BEFORE INSERT ON golden.ddl_t2 FOR EACH ROW SET NEW.v = 1",
            "DROP TRIGGER golden.ddl_tr",
            "DROP TABLE golden.ddl_t2");

    private MariaDbServer database;
    private ConnectStack stack;
    private Map<String, Map<String, String>> rowsAtSnapshot;

    @BeforeAll
    void startStack() {
        database = MariaDbServer.start(new MariaDbServerOptions().serverId(SOURCE_SERVER_ID)
                .variable("default_time_zone", SERVER_TIME_ZONE));
        database.execute("CREATE DATABASE " + AllTypesTable.DATABASE, AllTypesTable.CREATE,
                "INSERT INTO " + AllTypesTable.QUALIFIED + " VALUES " + AllTypesTable.MAXIMUM_VALUES + ", "
                        + AllTypesTable.MINIMUM_VALUES + ", " + AllTypesTable.NULL_VALUES);
        database.createDebeziumUser(SourceConnectorConfig.USER, SourceConnectorConfig.PASSWORD);
        rowsAtSnapshot = jdbcRows();
        stack = ConnectStack.start();
        // DDL of every kind on the schema topic, where one consumer sees them all in order (ddl.delivery's default,
        // table-topic, is checked by the examples' end-to-end test on the shipped configs).
        startSource("golden-source", "gold", 5401, Map.of("ddl.delivery", "schema-topic"));
        startSource("golden-json-source", "goldjson", 5402, Map.of("value.form", "json", "key.form", "json"),
                AllTypesTable.QUALIFIED);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void snapshotRowsShowWhatJdbcShows() throws Exception {
        List<JsonNode> records = records(TOPIC, 3);

        assertThat(records).extracting(r -> r.get("type").asText()).containsOnly("INIT");
        for (JsonNode record : records) {
            assertShowsJdbcRow(record.get("data").get(0), rowsAtSnapshot, true);
            assertThat(record.get("old").isNull()).isTrue();
        }
    }

    @Test
    @Order(2)
    void binlogRowsShowWhatJdbcShows() throws Exception {
        database.execute(AllTypesTable.BINLOG_CHANGES.toArray(String[]::new));
        Map<String, Map<String, String>> rowsAfter = jdbcRows();

        List<JsonNode> records = records(TOPIC, 6).subList(3, 6);

        assertThat(records).extracting(r -> r.get("type").asText() + " " + r.get("data").get(0).get("id").asText())
                .containsExactly("INSERT 4", "UPDATE 2", "DELETE 3");
        assertShowsJdbcRow(records.get(0).get("data").get(0), rowsAfter, false);
        assertShowsJdbcRow(records.get(1).get("data").get(0), rowsAfter, false);
        assertShowsJdbcRow(records.get(1).get("old").get(0), rowsAtSnapshot, false);
        assertShowsJdbcRow(records.get(2).get("data").get(0), rowsAtSnapshot, false);
    }

    @Test
    @Order(3)
    void recordsAreTheGoldenOnes() throws Exception {
        List<String> values = stack.topics().consumeStrings(TOPIC, 6, ARRIVAL).stream().map(ConsumerRecord::value).toList();

        assertThat(values).hasSize(6);
        GoldenFile.assertMatches("all-types.jsonl", GoldenFile.normalize(values));
    }

    @Test
    @Order(3)
    void jsonFormsWriteTheSameBytesThroughStringConverter() throws Exception {
        List<ConsumerRecord<String, String>> jsonForm = stack.topics().consumeStrings(JSON_FORM_TOPIC, 6, ARRIVAL);
        List<String> values = jsonForm.stream().map(ConsumerRecord::value).toList();

        assertThat(values).hasSize(6);
        GoldenFile.assertMatches("all-types.jsonl", GoldenFile.normalize(values));
        List<ConsumerRecord<String, String>> mapForm = stack.topics().consumeStrings(TOPIC, 6, ARRIVAL);
        assertThat(values).as("byte for byte but the delivery time ts (and the snapshot time es)")
                .extracting(CanalRealStackTest::withoutTs).containsExactlyElementsOf(
                        mapForm.stream().map(ConsumerRecord::value).map(CanalRealStackTest::withoutTs).toList());
        assertThat(jsonForm).as("keys byte for byte").extracting(ConsumerRecord::key)
                .containsExactlyElementsOf(mapForm.stream().map(ConsumerRecord::key).toList())
                .allSatisfy(key -> assertThat(key).startsWith("{\"id\":"));
    }

    /**
     * Without the delivery time ts, and without es for the full copy's INIT rows: es is then the time of each
     * connector's own snapshot, which differs by seconds when a loaded machine starts the second connector later.
     */
    private static String withoutTs(String canalJson) {
        String withoutTs = canalJson.replaceFirst(",\"ts\":\\d+,", ",\"ts\":0,");
        return withoutTs.contains("\"type\":\"INIT\"")
                ? withoutTs.replaceFirst(",\"es\":\\d+,", ",\"es\":0,") : withoutTs;
    }

    /**
     * sqlType holds the protocol type code the server sends a client for each column, as the mariadb command-line
     * client reports it, for a table the full copy read (Debezium parsed SHOW CREATE TABLE) and one created in the
     * binlog phase (Debezium parsed the CREATE TABLE as written, JSON included).
     */
    @Test
    @Order(3)
    void sqlTypeIsWhatTheClientsResultMetadataReports() throws Exception {
        JsonNode snapshotRow = records(TOPIC, 1).get(0);
        database.execute(AllTypesTable.CREATE.replace(AllTypesTable.QUALIFIED, "golden.all_types_binlog"),
                "INSERT INTO golden.all_types_binlog (id) VALUES (1)");

        JsonNode binlogRow = awaitRecords("gold.golden.all_types_binlog", r -> !r.isEmpty()).get(0);

        Map<String, Integer> client = database.client().columnTypeCodes("SELECT * FROM " + AllTypesTable.QUALIFIED);
        assertThat(client).as("the client's codes for the binlog table")
                .isEqualTo(database.client().columnTypeCodes("SELECT * FROM golden.all_types_binlog"));
        assertThat(JSON.convertValue(snapshotRow.get("sqlType"), new TypeReference<LinkedHashMap<String, Integer>>() { }))
                .containsExactlyEntriesOf(client);
        assertThat(JSON.convertValue(binlogRow.get("sqlType"), new TypeReference<LinkedHashMap<String, Integer>>() { }))
                .containsExactlyEntriesOf(client);
    }

    @Test
    @Order(4)
    void primaryKeyChangeArrivesAsOneUpdateKeyedByTheOldKey() throws Exception {
        database.execute("CREATE TABLE golden.pk_change (id INT NOT NULL PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO golden.pk_change VALUES (1, 'a'), (5, 'e')",
                "UPDATE golden.pk_change SET id = 2 WHERE id = 1",
                "UPDATE golden.pk_change SET v = 'b' WHERE id = 2",
                "UPDATE golden.pk_change SET id = id + 10");

        List<ConsumerRecord<String, String>> consumed = stack.topics().consumeStrings("gold.golden.pk_change", 6, ARRIVAL);

        assertThat(consumed).extracting(r -> r.key() + " " + JSON.readTree(r.value()).get("type").asText())
                .containsExactly("{\"id\":1} INSERT", "{\"id\":5} INSERT", "{\"id\":1} UPDATE", "{\"id\":2} UPDATE",
                        "{\"id\":2} UPDATE", "{\"id\":5} UPDATE");
        JsonNode keyChange = JSON.readTree(consumed.get(2).value());
        assertThat(keyChange.get("old")).isEqualTo(JSON.readTree("[{\"id\":\"1\",\"v\":\"a\"}]"));
        assertThat(keyChange.get("data")).isEqualTo(JSON.readTree("[{\"id\":\"2\",\"v\":\"a\"}]"));
        assertThat(RowReplica.applying(consumed).rows())
                .isEqualTo(RowReplica.of(database.query("SELECT * FROM golden.pk_change"), "id").rows());
    }

    @Test
    @Order(5)
    void everyKindOfDdlArrivesAsADdlRecordNamingItsTable() throws Exception {
        database.execute(DDL_STATEMENTS.toArray(String[]::new));

        List<JsonNode> ddl = awaitRecords("gold", records -> records.stream()
                .anyMatch(r -> r.get("sql").asText().equals("DROP TABLE `golden`.`ddl_t2`")));
        List<JsonNode> truncate = awaitRecords("gold.golden.ddl_t2", records -> !records.isEmpty());

        List<String> statements = new ArrayList<>();
        for (JsonNode record : ddl) {
            assertThat(record.get("isDdl").asBoolean()).isTrue();
            assertThat(record.get("type").asText()).isEqualTo("DDL");
            Matcher kind = DDL_KIND.matcher(record.get("sql").asText());
            if (record.get("sql").asText().contains("ddl_") && kind.find()) {
                statements.add(kind.group(1).toUpperCase(Locale.ROOT) + " " + kind.group(2).toUpperCase(Locale.ROOT) + " "
                        + record.get("database").asText() + "." + record.get("table").asText());
            }
        }
        // The server logs some statements in its own form (DEFINER=..., quoted names), hence the kind and target.
        assertThat(statements).containsExactly("CREATE TABLE golden.ddl_t", "ALTER TABLE golden.ddl_t",
                "CREATE INDEX golden.ddl_t", "DROP INDEX golden.ddl_t", "RENAME TABLE golden.ddl_t2",
                "CREATE VIEW golden.ddl_v", "ALTER VIEW golden.ddl_v", "DROP VIEW golden.ddl_v",
                "CREATE PROCEDURE golden.", "ALTER PROCEDURE golden.", "DROP PROCEDURE golden.",
                "CREATE FUNCTION golden.", "DROP FUNCTION golden.",
                "CREATE TRIGGER golden.ddl_t2", "DROP TRIGGER golden.", "DROP TABLE golden.ddl_t2");
        // TRUNCATE arrives on the table's topic, where Debezium emits it as a data change event (op t).
        assertThat(truncate).singleElement().satisfies(record -> {
            assertThat(record.get("type").asText()).isEqualTo("DDL");
            assertThat(record.get("sql").asText()).isEqualTo("TRUNCATE TABLE `golden`.`ddl_t2`");
        });
    }

    @Test
    @Order(6)
    void ddlOnTheTableTopicInterleavesWithRowsInCanalForm() throws Exception {
        database.execute("CREATE TABLE golden.ordered (id INT NOT NULL PRIMARY KEY, name VARCHAR(20), price DECIMAL(10,2) UNSIGNED,"
                + " raw VARBINARY(4))", "INSERT INTO golden.ordered VALUES (1, 'a', 1.50, x'00FF')");
        startSource("ordered-source", "ord", 5402, Map.of("ddl.delivery", "table-topic", "old.image", "changed",
                "mysql.type.form", "declaration", "sql.type.codes", "jdbc", "binary.encoding", "hex"), "golden.ordered");
        awaitRecords("ord.golden.ordered", r -> r.stream().anyMatch(record -> record.get("type").asText().equals("INIT")));
        database.execute("INSERT INTO golden.ordered VALUES (2, 'b', 2.00, NULL)",
                "ALTER TABLE golden.ordered ADD COLUMN note VARCHAR(10)",
                "UPDATE golden.ordered SET note = 'n', price = 3 WHERE id = 2");

        List<JsonNode> records = awaitRecords("ord.golden.ordered",
                r -> r.size() > 0 && r.get(r.size() - 1).get("type").asText().equals("UPDATE"));

        assertThat(records).extracting(r -> r.get("type").asText()).endsWith("INIT", "INSERT", "DDL", "UPDATE");
        JsonNode init = records.get(records.size() - 4);
        assertThat(init.get("mysqlType")).isEqualTo(JSON.readTree("{\"id\":\"int(11)\",\"name\":\"varchar(20)\","
                + "\"price\":\"decimal(10,2) unsigned\",\"raw\":\"varbinary(4)\"}"));
        assertThat(init.get("sqlType")).isEqualTo(JSON.readTree("{\"id\":4,\"name\":12,\"price\":3,\"raw\":-3}"));
        assertThat(init.get("data").get(0).get("raw").asText()).isEqualTo("00FF");
        JsonNode alter = records.get(records.size() - 2);
        assertThat(alter.get("sql").asText()).isEqualTo("ALTER TABLE golden.ordered ADD COLUMN note VARCHAR(10)");
        assertThat(alter.get("isDdl").asBoolean()).isTrue();
        assertThat(alter.get("table").asText()).isEqualTo("ordered");
        JsonNode update = records.get(records.size() - 1);
        assertThat(update.get("old")).isEqualTo(JSON.readTree("[{\"price\":\"2.00\",\"note\":null}]"));
        assertThat(update.get("data").get(0).get("note").asText()).isEqualTo("n");
    }

    @Test
    @Order(7)
    void flinkCanalJsonReadsTheTopicWithTheFlinkSwitches() throws Exception {
        database.execute("CREATE TABLE golden.flink (id INT NOT NULL PRIMARY KEY, name VARCHAR(20), price DECIMAL(10,2),"
                + " created DATETIME(3))", "INSERT INTO golden.flink VALUES (1, 'a', 1.50, '2024-06-01 12:00:00.125')");
        startSource("flink-source", "flink", 5403, Map.of("snapshot.type", "insert", "ddl.delivery", "drop"),
                "golden.flink");
        awaitRecords("flink.golden.flink", r -> !r.isEmpty());
        database.execute("INSERT INTO golden.flink VALUES (2, 'b', 2.00, NULL)",
                "ALTER TABLE golden.flink ADD COLUMN note VARCHAR(10)",
                "UPDATE golden.flink SET name = 'c' WHERE id = 1",
                "DELETE FROM golden.flink WHERE id = 2");
        FlinkCanalReader flink = new FlinkCanalReader(DataTypes.FIELD("id", DataTypes.INT()),
                DataTypes.FIELD("name", DataTypes.STRING()), DataTypes.FIELD("price", DataTypes.DECIMAL(10, 2)),
                DataTypes.FIELD("created", DataTypes.TIMESTAMP(3)));

        List<ConsumerRecord<String, String>> consumed = stack.topics().consumeStrings("flink.golden.flink", 4, ARRIVAL);
        List<String> changelog = new ArrayList<>();
        for (ConsumerRecord<String, String> record : consumed) {
            changelog.addAll(flink.read(record.value()));
        }

        assertThat(changelog).containsExactly("+I(1,a,1.50,2024-06-01T12:00:00.125)", "+I(2,b,2.00,null)",
                "-U(1,a,1.50,2024-06-01T12:00:00.125)", "+U(1,c,1.50,2024-06-01T12:00:00.125)", "-D(2,b,2.00,null)");
        String defaultInit = stack.topics().consumeStrings(TOPIC, 1, ARRIVAL).get(0).value();
        assertThatThrownBy(() -> flink.read(defaultInit)).as("Flink fails on the default INIT type")
                .hasMessageContaining("INIT");
    }

    /** Debezium puts a column's DEFAULT into its field schema; a NULL must still arrive as null, not as the default. */
    @Test
    @Order(8)
    void nullInAColumnWithADefaultArrivesAsNull() throws Exception {
        database.execute("CREATE TABLE golden.defaults (id INT NOT NULL PRIMARY KEY, city VARCHAR(10) DEFAULT 'Hangzhou',"
                + " n INT NOT NULL DEFAULT 5, at DATETIME DEFAULT '2024-01-01 00:00:00')",
                "INSERT INTO golden.defaults VALUES (1, NULL, 7, NULL)");
        startSource("defaults-source", "dflt", 5404, Map.of(), "golden.defaults");
        awaitRecords("dflt.golden.defaults", r -> !r.isEmpty());
        database.execute("INSERT INTO golden.defaults (id) VALUES (2)",
                "UPDATE golden.defaults SET city = NULL, at = NULL WHERE id = 2");

        List<JsonNode> records = awaitRecords("dflt.golden.defaults", r -> r.size() >= 3);

        assertThat(records).extracting(r -> r.get("type").asText()).containsExactly("INIT", "INSERT", "UPDATE");
        assertThat(records.get(0).get("data")).isEqualTo(JSON.readTree("[{\"id\":\"1\",\"city\":null,\"n\":\"7\",\"at\":null}]"));
        assertThat(records.get(1).get("data")).isEqualTo(
                JSON.readTree("[{\"id\":\"2\",\"city\":\"Hangzhou\",\"n\":\"5\",\"at\":\"2024-01-01 00:00:00\"}]"));
        assertThat(records.get(2).get("data")).isEqualTo(JSON.readTree("[{\"id\":\"2\",\"city\":null,\"n\":\"5\",\"at\":null}]"));
    }

    private void startSource(String name, String topicPrefix, int clientServerId, Map<String, String> canalOptions,
                             String... tables) {
        Map<String, String> canal = new LinkedHashMap<>(canalOptions);
        canal.putIfAbsent("timestamp.zone", SERVER_TIME_ZONE);
        stack.rest().createOrUpdate(name, SourceConnectorConfig.debeziumWithCanal(database, stack.bootstrapServers(),
                topicPrefix, clientServerId, AllTypesTable.DATABASE, List.of(tables), canal));
        stack.rest().awaitRunning(name, 1, ARRIVAL);
    }

    /** Reads the topic from the start until the records satisfy the condition; fails after {@link #ARRIVAL}. */
    private List<JsonNode> awaitRecords(String topic, Predicate<List<JsonNode>> complete) throws Exception {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        List<JsonNode> records = List.of();
        while (System.nanoTime() < deadline) {
            records = new ArrayList<>();
            for (ConsumerRecord<String, String> record : stack.topics().consumeStrings(topic, Integer.MAX_VALUE, Duration.ofSeconds(2))) {
                records.add(JSON.readTree(record.value()));
            }
            if (complete.test(records)) {
                return records;
            }
        }
        throw new AssertionError("records on " + topic + " did not complete within " + ARRIVAL + ": " + records);
    }

    private List<JsonNode> records(String topic, int count) throws Exception {
        return CanalRecords.read(stack, topic, count, ARRIVAL);
    }

    /**
     * Every column's Canal value equals the JDBC text of the row with the same id (bytes compared in hex), except the
     * zero dates that Debezium turns into NULL before the SMT sees them: zero DATE and DATETIME values always, zero
     * TIMESTAMP values when the snapshot reads them over JDBC (the binlog's TIMESTAMP 0 is shown as the zero date).
     */
    private static void assertShowsJdbcRow(JsonNode canalRow, Map<String, Map<String, String>> jdbcRowsById,
                                           boolean snapshotRead) {
        Map<String, String> canal = JSON.convertValue(canalRow, new TypeReference<LinkedHashMap<String, String>>() { });
        Map<String, String> shown = new LinkedHashMap<>(canal);
        AllTypesTable.BYTE_COLUMNS.forEach(column -> shown.computeIfPresent(column,
                (name, text) -> HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.ISO_8859_1))));
        assertThat(jdbcRowsById).as("JDBC row with id %s", canal.get("id")).containsKey(canal.get("id"));
        Map<String, String> jdbc = new LinkedHashMap<>(jdbcRowsById.get(canal.get("id")));
        jdbc.replaceAll((column, text) -> text != null && text.startsWith(ZERO_DATE)
                && (!column.startsWith("c_timestamp") || snapshotRead) ? null : text);
        SoftAssertions.assertSoftly(softly -> jdbc.forEach((column, text) ->
                softly.assertThat(shown.get(column)).as("row %s column %s", canal.get("id"), column).isEqualTo(text)));
        assertThat(shown.keySet()).as("columns of row %s", canal.get("id")).containsExactlyElementsOf(jdbc.keySet());
    }

    /** id to the row as JDBC getString shows it; byte columns as HEX(), reformatted columns as the server's text. */
    private Map<String, Map<String, String>> jdbcRows() {
        Map<String, String> expressions = new LinkedHashMap<>(AllTypesTable.SERVER_TEXT);
        AllTypesTable.BYTE_COLUMNS.forEach(column -> expressions.put(column, "HEX(" + column + ")"));
        String overrides = expressions.entrySet().stream().map(e -> e.getValue() + " AS " + e.getKey())
                .collect(Collectors.joining(", "));
        Map<String, Map<String, String>> overridesById = new HashMap<>();
        database.query("SELECT id, " + overrides + " FROM " + AllTypesTable.QUALIFIED)
                .forEach(row -> overridesById.put(row.get("id"), row));
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (Map<String, String> row : database.query("SELECT * FROM " + AllTypesTable.QUALIFIED)) {
            Map<String, String> shown = new LinkedHashMap<>(row);
            Map<String, String> override = overridesById.get(row.get("id"));
            expressions.keySet().forEach(column -> shown.put(column, override.get(column)));
            rows.put(row.get("id"), shown);
        }
        return rows;
    }
}
