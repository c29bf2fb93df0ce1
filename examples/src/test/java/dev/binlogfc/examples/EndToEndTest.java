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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The backbone on the real stack: MariaDB binlog -> Canal source (Debezium inside) -> Kafka -> FC sink ->
 * FC-compatible endpoint, connectors posted through the Connect REST API from examples/connectors exactly as a user
 * fills them in, against a server in Alibaba Cloud RDS's time zone (+08:00): what the function receives is what DTS
 * delivers, with nothing added by the user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class EndToEndTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = LocalPipeline.DATABASE + ".demoTable";
    private static final String STAMPS = LocalPipeline.DATABASE + ".stamps";
    /** A client's leading comment, which DTS keeps in sql as the binlog holds the statement. */
    private static final String COMMENTED_ALTER = "/* dts-client */ ALTER TABLE " + LocalPipeline.DATABASE
            + ".ddl_t ADD COLUMN w VARCHAR(10)";
    /** How SHOW BINLOG EVENTS shows a statement's default database ahead of it. */
    private static final java.util.regex.Pattern USE_DATABASE = java.util.regex.Pattern.compile("^use `[^`]*`; ");
    private static final java.util.regex.Pattern LEADING_COMMENT = java.util.regex.Pattern.compile("^/\\*.*?\\*/\\s*");
    /** The verb and object kind of a DDL statement, e.g. CREATE and VIEW in CREATE ALGORITHM=... VIEW `v` AS ... */
    private static final java.util.regex.Pattern DDL_KIND = java.util.regex.Pattern.compile(
            "(?is)\\b(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b.*?\\b(TABLE|INDEX|VIEW|PROCEDURE|FUNCTION|TRIGGER)\\b");

    private LocalPipeline pipeline;
    private long startedAt;

    @BeforeAll
    void startPipeline() throws Exception {
        startedAt = System.currentTimeMillis();
        pipeline = LocalPipeline.startWith(new PipelineOptions()
                .setupStatement("CREATE TABLE " + STAMPS + " (id INT NOT NULL PRIMARY KEY, at TIMESTAMP(3) NULL)")
                .setupStatement("INSERT INTO " + STAMPS + " VALUES (1, '2024-06-01 12:00:00.125')"));
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void existingRowsArriveAsInitWithTheServersIdAndNoSchemaStatement() throws Exception {
        List<JsonNode> records = awaitRecords(3);

        assertThat(records).extracting(r -> r.get("type").asText()).as("DTS's full copy delivers rows only")
                .containsOnly("INIT");
        assertThat(records).extracting(r -> r.get("serverId").asText())
                .containsOnly(Long.toString(LocalPipeline.SOURCE_SERVER_ID));
        records = records.stream().filter(r -> r.get("table").asText().equals("demoTable")).toList();
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

    /** TIMESTAMP values as the database shows them in its +08:00 zone, in the full copy and from the binlog. */
    @Test
    @Order(4)
    void timestampsShowWhatTheDatabaseShowsInItsZone() throws Exception {
        pipeline.database().execute("INSERT INTO " + STAMPS + " VALUES (2, '2024-12-31 23:59:59.999'),"
                + " (3, '1970-01-01 08:00:01.000'), (4, '2038-01-19 11:14:07.999'), (5, NULL)");
        Map<String, String> shown = new HashMap<>();
        pipeline.database().query("SELECT id, CAST(at AS CHAR) AS at FROM " + STAMPS)
                .forEach(row -> shown.put(row.get("id"), row.get("at")));

        List<JsonNode> stamps = awaitRows("stamps", 5);

        assertThat(stamps).extracting(r -> r.get("type").asText()).containsExactly("INIT", "INSERT", "INSERT",
                "INSERT", "INSERT");
        assertThat(stamps).allSatisfy(r -> {
            JsonNode row = r.get("data").get(0);
            assertThat(row.get("at").isNull() ? null : row.get("at").asText())
                    .as("row %s", row.get("id").asText()).isEqualTo(shown.get(row.get("id").asText()));
        });
        assertThat(shown.get("1")).as("the server's own text").isEqualTo("2024-06-01 12:00:00.125");
    }

    /**
     * Every DDL kind DTS lists reaches the function once: a statement that names a table in binlog order with that
     * table's rows, on its topic; one that names no table on the database's topic, which the shipped sink reads too.
     */
    @Test
    @Order(5)
    void everyDdlKindArrivesOnceInBinlogOrderWithItsTablesRows() throws Exception {
        String db = LocalPipeline.DATABASE;
        pipeline.database().execute(
                "CREATE TABLE " + db + ".ddl_t (id INT NOT NULL PRIMARY KEY, v INT)",
                "INSERT INTO " + db + ".ddl_t VALUES (1, 1)",
                COMMENTED_ALTER,
                "INSERT INTO " + db + ".ddl_t VALUES (2, 2, 'b')",
                "CREATE INDEX idx_v ON " + db + ".ddl_t (v)",
                "DROP INDEX idx_v ON " + db + ".ddl_t",
                "RENAME TABLE " + db + ".ddl_t TO " + db + ".ddl_t2",
                "INSERT INTO " + db + ".ddl_t2 VALUES (3, 3, 'c')",
                "TRUNCATE TABLE " + db + ".ddl_t2",
                "CREATE VIEW " + db + ".ddl_v AS SELECT id FROM " + db + ".ddl_t2",
                "ALTER VIEW " + db + ".ddl_v AS SELECT id, v FROM " + db + ".ddl_t2",
                "DROP VIEW " + db + ".ddl_v",
                "CREATE PROCEDURE " + db + ".ddl_p() SELECT 1",
                "ALTER PROCEDURE " + db + ".ddl_p COMMENT 'changed'",
                "DROP PROCEDURE " + db + ".ddl_p",
                "CREATE FUNCTION " + db + ".ddl_f() RETURNS INT DETERMINISTIC RETURN 1",
                "DROP FUNCTION " + db + ".ddl_f",
                "CREATE TRIGGER " + db + ".ddl_tr BEFORE INSERT ON " + db + ".ddl_t2 FOR EACH ROW SET NEW.v = 1",
                "DROP TRIGGER " + db + ".ddl_tr",
                "DROP TABLE " + db + ".ddl_t2");

        // The sink finds each new topic at its next metadata refresh, so the topics complete in any order.
        Map<String, List<String>> byTable = awaitChanges(changes -> changes.getOrDefault("ddl_t", List.of())
                .contains("DROP INDEX") && changes.getOrDefault("ddl_t2", List.of()).contains("DROP TABLE")
                && changes.getOrDefault("ddl_v", List.of()).contains("DROP VIEW")
                && changes.getOrDefault("", List.of()).contains("DROP TRIGGER"));

        assertThat(byTable.get("ddl_t")).containsExactly("CREATE TABLE", "INSERT", "ALTER TABLE", "INSERT",
                "CREATE INDEX", "DROP INDEX");
        assertThat(byTable.get("ddl_t2")).containsExactly("RENAME TABLE", "INSERT", "TRUNCATE TABLE", "CREATE TRIGGER",
                "DROP TABLE");
        assertThat(byTable.get("ddl_v")).containsExactly("CREATE VIEW", "ALTER VIEW", "DROP VIEW");
        assertThat(byTable.get("")).as("statements naming no table, on " + LocalPipeline.TOPIC_PREFIX + "." + db)
                .containsExactly("CREATE PROCEDURE", "ALTER PROCEDURE", "DROP PROCEDURE", "CREATE FUNCTION",
                        "DROP FUNCTION", "DROP TRIGGER");
        assertSqlIsAsTheBinlogHoldsIt(distinctChanges().stream().filter(r -> r.get("isDdl").asBoolean())
                .map(r -> r.get("sql").asText()).filter(sql -> sql.contains("ddl_")).toList());
    }

    /**
     * Each DDL record's sql is a statement of the binlog as the server itself lists it (SHOW BINLOG EVENTS), with the
     * README's exceptions: Debezium's parser starts a statement at its first keyword, so a leading comment is lost,
     * and it writes DROP TABLE (one record per table) and TRUNCATE TABLE (a row event for Debezium) with quoted names.
     */
    private void assertSqlIsAsTheBinlogHoldsIt(List<String> delivered) {
        List<String> binlog = new ArrayList<>();
        for (Map<String, String> log : pipeline.database().query("SHOW BINARY LOGS")) {
            pipeline.database().query("SHOW BINLOG EVENTS IN '" + log.get("Log_name") + "'").stream()
                    .filter(event -> event.get("Event_type").equals("Query") && event.get("Info").contains("ddl_"))
                    .map(event -> USE_DATABASE.matcher(event.get("Info")).replaceFirst(""))
                    .forEach(binlog::add);
        }
        String db = LocalPipeline.DATABASE;
        assertThat(binlog).as("the server keeps the client's comment").contains(COMMENTED_ALTER);
        assertThat(delivered).hasSize(binlog.size()).allSatisfy(sql -> {
            if (sql.startsWith("DROP TABLE ") || sql.startsWith("TRUNCATE TABLE ")) {
                assertThat(sql).endsWith(" `" + db + "`.`ddl_t2`");
            } else {
                assertThat(binlog).as("binlog statements").anySatisfy(statement -> assertThat(LEADING_COMMENT
                        .matcher(statement).replaceFirst("")).isEqualTo(sql));
            }
        });
    }

    /**
     * JavaScript's JSON.parse (FC's Node.js runtimes) reads every id the function received exactly: Node.js, an engine
     * we did not write, parses the raw batch bodies and prints each id back.
     */
    @Test
    @Order(6)
    void everyDeliveredIdReadsTheSameInJavaScript() throws Exception {
        List<ReceivedBatch> batches = pipeline.function().receivedBatches();
        List<String> javaIds = new ArrayList<>();
        StringBuilder bodies = new StringBuilder();
        for (ReceivedBatch batch : batches) {
            batch.records().forEach(record -> javaIds.add(record.get("id").bigIntegerValue().toString()));
            bodies.append(new String(batch.rawBody(), java.nio.charset.StandardCharsets.UTF_8).replace('\n', ' '))
                    .append('\n');
        }

        List<String> javaScriptIds = NodeJs.run("require('fs').readFileSync(0, 'utf8').split('\\n')"
                + ".filter(line => line.length > 0)"
                + ".forEach(line => JSON.parse(line).Records.forEach(r => console.log(String(r.id))))", bodies.toString());

        assertThat(javaIds).as("ids received").hasSizeGreaterThan(600);
        assertThat(javaScriptIds).containsExactlyElementsOf(javaIds);
    }

    /** Rows (not DDL) of one table as the function received them, each change once, in arrival order. */
    private List<JsonNode> awaitRows(String table, int count) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        List<JsonNode> rows;
        do {
            rows = distinctChanges().stream().filter(r -> r.get("table").asText().equals(table))
                    .filter(r -> !r.get("isDdl").asBoolean()).toList();
            if (rows.size() >= count) {
                return rows;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the function received " + rows + " of " + table + ", expected " + count);
    }

    /** Table to the kinds of its changes (DML type, or the DDL's verb and object), each change once, in arrival order. */
    private Map<String, List<String>> awaitChanges(Predicate<Map<String, List<String>>> complete)
            throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        Map<String, List<String>> byTable;
        do {
            byTable = new HashMap<>();
            for (JsonNode change : distinctChanges()) {
                String kind = change.get("isDdl").asBoolean() ? ddlKind(change.get("sql").asText())
                        : change.get("type").asText();
                if (kind != null) {
                    byTable.computeIfAbsent(change.get("table").asText(), table -> new ArrayList<>()).add(kind);
                }
            }
            if (complete.test(byTable)) {
                return byTable;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the function's changes did not complete within " + ARRIVAL + ": " + byTable);
    }

    /** The verb and object of a statement on one of this test's ddl_ objects, e.g. "CREATE VIEW"; null for others. */
    private static String ddlKind(String sql) {
        java.util.regex.Matcher kind = DDL_KIND.matcher(sql);
        return sql.contains("ddl_") && kind.find()
                ? (kind.group(1) + " " + kind.group(2)).toUpperCase(java.util.Locale.ROOT) : null;
    }

    /** Every record the function received, a redelivered one (same id) once, in arrival order. */
    private List<JsonNode> distinctChanges() {
        Map<Long, JsonNode> byId = new java.util.LinkedHashMap<>();
        receivedRecords().forEach(record -> byId.putIfAbsent(record.get("id").asLong(), record));
        return new ArrayList<>(byId.values());
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
            counter = receivedRecords().stream().filter(r -> r.get("table").asText().equals("counter"))
                    .filter(r -> !r.get("isDdl").asBoolean()).toList();
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
