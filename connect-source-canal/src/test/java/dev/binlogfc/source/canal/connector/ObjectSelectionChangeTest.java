package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.TableName;
import dev.binlogfc.teststack.connect.ConnectRestException;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.db.MariaDbServer;

/**
 * Changing the objects of a running connector with a REST config update, on the real stack (MariaDB, Connect through
 * REST): added tables are copied as INIT while every table keeps streaming and no copied row overtakes a newer change
 * of it; removed tables stop; one table is copied again on request; the precheck covers added tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class ObjectSelectionChangeTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final int CUSTOMERS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectStack connect;
    private MariaDbServer database;
    private CanalSourceFixture configs;

    @BeforeAll
    void start() {
        connect = ConnectStack.start();
        database = MariaDbServer.start();
        CanalSourceFixture.prepare(database);
        configs = new CanalSourceFixture(connect, "objects");
    }

    @AfterAll
    void stop() {
        if (database != null) {
            database.close();
        }
        if (connect != null) {
            connect.close();
        }
    }

    /**
     * Writes go to the new table's rows during its copy (each UPDATE raises a row's version v by one) and to the table
     * selected before. Per key, the versions on the topic never go down: no INIT row overtook a newer change. A
     * restart afterwards copies nothing again.
     */
    @Test
    void anAddedTableIsCopiedAsInitWhileEveryTableStreamsAndNoCopiedRowOvertakesAChange() throws Exception {
        String db = createDatabase("added", "orders", "customers");
        database.execute("INSERT INTO " + db + ".customers SELECT seq, 0 FROM shop.seq_1_to_" + CUSTOMERS);
        Map<String, String> config = configs.config(database, "tables", db + ".orders", "sync.types",
                "full,incremental", "signal.table", db + ".debezium_signal", "incremental.snapshot.chunk.size", "250",
                "throttle.init.rows.per.second", "1000", "max.queue.size", "1024", "max.batch.size", "256");
        String name = config.get("name");
        String ordersTopic = config.get("topic.prefix") + "." + db + ".orders";
        String customersTopic = config.get("topic.prefix") + "." + db + ".customers";
        connect.rest().createOrUpdate(name, config);
        AtomicInteger orderIds = new AtomicInteger();
        awaitRow(db, ordersTopic, orderIds);

        Thread writer = new Thread(() -> writeDuringCopy(db, orderIds, Duration.ofSeconds(12)));
        writer.start();
        config.put("tables", db + ".orders," + db + ".customers");
        connect.rest().createOrUpdate(name, config);
        writer.join();

        List<JsonNode> customers = awaitConvergence(db + ".customers", customersTopic);
        List<JsonNode> copied = customers.stream().filter(record -> "INIT".equals(record.get("type").asText()))
                .toList();
        assertThat(copied).as("rows copied as INIT").hasSizeGreaterThan(CUSTOMERS / 2);
        assertThat(customers.stream().filter(record -> "UPDATE".equals(record.get("type").asText())))
                .as("changes of the copied table").isNotEmpty();
        assertVersionsNeverGoDown(customers);
        assertThat(ordersStreamedDuringCopy(ordersTopic, customersTopic)).as("orders streamed during the copy")
                .isPositive();
        assertThat(connect.topics().consumeStrings(config.get("topic.prefix") + "." + db + ".debezium_signal", 1,
                Duration.ofSeconds(2))).as("the signal table's rows").isEmpty();

        connect.rest().restart(name, true);
        awaitRow(db, ordersTopic, orderIds);
        assertThat(values(customersTopic)).as("after a restart nothing is copied again").hasSize(customers.size());
        connect.rest().delete(name);
    }

    /** Removing a table: its rows stop arriving (observed after a later row of the other table), the other goes on. */
    @Test
    void aRemovedTableStopsWhileTheOtherKeepsStreaming() throws Exception {
        String db = createDatabase("removed", "orders", "customers");
        Map<String, String> config = configs.config(database, "tables", db + ".orders," + db + ".customers",
                "signal.table", db + ".debezium_signal");
        String name = config.get("name");
        String ordersTopic = config.get("topic.prefix") + "." + db + ".orders";
        String customersTopic = config.get("topic.prefix") + "." + db + ".customers";
        connect.rest().createOrUpdate(name, config);
        AtomicInteger ids = new AtomicInteger();
        int firstStreamed = awaitRow(db, ordersTopic, ids);

        config.put("tables", db + ".orders");
        connect.rest().createOrUpdate(name, config);
        int ordersWritten = 0;
        boolean stopped = false;
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (!stopped && System.nanoTime() < deadline) {
            int id = ids.incrementAndGet();
            database.execute("INSERT INTO " + db + ".customers VALUES (" + id + ", 0)",
                    "INSERT INTO " + db + ".orders VALUES (" + id + ", 'after removal')");
            ordersWritten = id;
            configs.awaitRecord(ordersTopic, "\"id\":\"" + id + "\"", ARRIVAL);
            stopped = values(customersTopic).stream().noneMatch(record -> hasId(record, id));
        }
        assertThat(stopped).as("a customers row written after the update is not delivered").isTrue();

        int last = ids.incrementAndGet();
        database.execute("INSERT INTO " + db + ".customers VALUES (" + last + ", 0)",
                "INSERT INTO " + db + ".orders VALUES (" + last + ", 'later')");
        configs.awaitRecord(ordersTopic, "\"id\":\"" + last + "\"", ARRIVAL);
        assertThat(values(customersTopic)).noneMatch(record -> hasId(record, last));
        assertThat(values(ordersTopic).stream().map(record -> record.get("data").get(0).get("id").asInt()))
                .as("every orders row, before and after the update").containsAll(
                        IntStream.rangeClosed(firstStreamed, ordersWritten).boxed().toList());
        connect.rest().delete(name);
    }

    /**
     * DTS delivers the DDL of the selected objects only; Debezium reports the schema changes of every table of a
     * selected database (it keeps their history), so the task drops those of tables outside the selection.
     */
    @Test
    void ddlOfATableOutsideTheSelectionIsNotDelivered() throws Exception {
        String db = createDatabase("unselected", "orders", "customers");
        Map<String, String> config = configs.config(database, "tables", db + ".orders");
        String name = config.get("name");
        String ordersTopic = config.get("topic.prefix") + "." + db + ".orders";
        connect.rest().createOrUpdate(name, config);
        awaitRow(db, ordersTopic, new AtomicInteger());

        database.execute("ALTER TABLE " + db + ".customers ADD COLUMN note VARCHAR(10)",
                "ALTER TABLE " + db + ".orders ADD COLUMN note VARCHAR(10)");

        configs.awaitRecord(ordersTopic, "ALTER TABLE " + db + ".orders", ARRIVAL);
        List<String> topics = List.of(config.get("topic.prefix") + "." + db + ".customers",
                config.get("topic.prefix") + "." + db);
        for (String topic : topics) {
            assertThat(connect.topics().consumeStrings(topic, Integer.MAX_VALUE, Duration.ofSeconds(2)))
                    .as("records on %s", topic).noneMatch(record -> String.valueOf(record.value()).contains("customers"));
        }
        connect.rest().delete(name);
    }

    /** As the README documents it: a row in the signal table asks for one table's copy; only that table is copied. */
    @Test
    void oneTableIsCopiedAgainOnRequestThroughTheSignalTable() throws Exception {
        String db = createDatabase("recopied", "orders", "customers");
        database.execute("INSERT INTO " + db + ".customers SELECT seq, 7 FROM shop.seq_1_to_100",
                "INSERT INTO " + db + ".orders VALUES (1, 'existing')");
        Map<String, String> config = configs.config(database, "tables", db + ".orders," + db + ".customers",
                "signal.table", db + ".debezium_signal");
        String ordersTopic = config.get("topic.prefix") + "." + db + ".orders";
        String customersTopic = config.get("topic.prefix") + "." + db + ".customers";
        connect.rest().createOrUpdate(config.get("name"), config);
        AtomicInteger ids = new AtomicInteger(1);
        awaitRow(db, ordersTopic, ids);

        database.execute("INSERT INTO " + db + ".debezium_signal VALUES ('recopy-customers', 'execute-snapshot',"
                + " '{\"data-collections\": [\"" + db + ".customers\"], \"type\": \"incremental\"}')");

        List<JsonNode> copied = new ArrayList<>();
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (copied.size() < 100 && System.nanoTime() < deadline) {
            copied = values(customersTopic).stream().filter(record -> "INIT".equals(record.get("type").asText()))
                    .toList();
        }
        assertThat(copied).hasSize(100).allMatch(record -> record.get("data").get(0).get("v").asInt() == 7);
        awaitRow(db, ordersTopic, ids);
        assertThat(values(ordersTopic)).as("the other table is not copied").noneMatch(
                record -> "INIT".equals(record.get("type").asText()));
        connect.rest().delete(config.get("name"));
    }

    /** The config update is validated: the precheck examines the added tables and refuses the update. */
    @Test
    void thePrecheckRefusesAnUpdateAddingATableWithoutKey() {
        String db = createDatabase("checked", "orders");
        database.execute("CREATE TABLE " + db + ".notes (text VARCHAR(20))");
        Map<String, String> config = configs.config(database, "tables", db + ".orders",
                "signal.table", db + ".debezium_signal");
        String name = config.get("name");
        connect.rest().createOrUpdate(name, config);
        connect.rest().awaitRunning(name, 1, ARRIVAL);

        Map<String, String> update = new HashMap<>(config);
        update.put("tables", db + ".orders," + db + ".notes");
        assertThatThrownBy(() -> connect.rest().createOrUpdate(name, update)).isInstanceOf(ConnectRestException.class)
                .hasMessageContaining(db + ".notes").hasMessageContaining("primary key");
        update.put("tables", db + ".orders");
        update.put("signal.table", db + ".missing_signal");
        assertThatThrownBy(() -> connect.rest().createOrUpdate(name, update)).isInstanceOf(ConnectRestException.class)
                .hasMessageContaining("The signal table " + db + ".missing_signal does not exist");
        assertThat(connect.rest().config(name).get("tables").asText()).isEqualTo(db + ".orders");
        connect.rest().delete(name);
    }

    /** A database with keyed tables (id, one more column) and its signal table, which the account may write. */
    private String createDatabase(String db, String... tables) {
        TableName signal = new TableName(db, "debezium_signal");
        database.execute(("CREATE DATABASE " + db + "; " + DebeziumSettings.signalTableDdl(signal)).split("; "));
        for (String table : tables) {
            String column = "orders".equals(table) ? "item VARCHAR(20)" : "v INT NOT NULL";
            database.execute("CREATE TABLE " + db + "." + table + " (id INT PRIMARY KEY, " + column + ")");
        }
        database.execute("GRANT INSERT ON " + signal.quoted() + " TO '" + CanalSourceFixture.ACCOUNT + "'@'%'");
        return db;
    }

    /** Updates random customers (v = v + 1) and inserts an order every tenth statement, for {@code duration}. */
    private void writeDuringCopy(String db, AtomicInteger orderIds, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (int statement = 0; System.nanoTime() < end; statement++) {
            if (statement % 10 == 0) {
                database.execute("INSERT INTO " + db + ".orders VALUES (" + orderIds.incrementAndGet() + ", 'load')");
            } else {
                database.execute("UPDATE " + db + ".customers SET v = v + 1 WHERE id = "
                        + ThreadLocalRandom.current().nextInt(1, CUSTOMERS + 1));
            }
        }
    }

    /**
     * Inserts an order row (the next id) until one arrives, which shows the connector streaming; returns its id (rows
     * written before the connector reached the binlog are not delivered without a full copy).
     */
    private int awaitRow(String db, String topic, AtomicInteger ids) {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (System.nanoTime() < deadline) {
            int id = ids.incrementAndGet();
            database.execute("INSERT INTO " + db + ".orders VALUES (" + id + ", 'probe')");
            if (values(topic, Duration.ofSeconds(5)).stream().anyMatch(record -> hasId(record, id))) {
                return id;
            }
        }
        throw new AssertionError("the source did not stream a row of " + topic + " within " + ARRIVAL);
    }

    /** Reads the topic until, per key, the last record holds the row as the table holds it now; returns them all. */
    private List<JsonNode> awaitConvergence(String table, String topic) {
        Map<Integer, Integer> source = new HashMap<>();
        database.query("SELECT id, v FROM " + table).forEach(row -> source.put(Integer.parseInt(row.get("id")),
                Integer.parseInt(row.get("v"))));
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        Map<Integer, Integer> delivered = Map.of();
        List<JsonNode> records = List.of();
        while (System.nanoTime() < deadline) {
            records = values(topic);
            delivered = lastVersions(records);
            if (delivered.equals(source)) {
                return records;
            }
        }
        assertThat(delivered).as("last version per key on %s", topic).isEqualTo(source);
        return records;
    }

    private static Map<Integer, Integer> lastVersions(List<JsonNode> records) {
        Map<Integer, Integer> versions = new HashMap<>();
        for (JsonNode record : records) {
            JsonNode row = record.get("data").get(0);
            versions.put(row.get("id").asInt(), row.get("v").asInt());
        }
        return versions;
    }

    private static void assertVersionsNeverGoDown(List<JsonNode> records) {
        Map<Integer, Integer> seen = new HashMap<>();
        for (JsonNode record : records) {
            JsonNode row = record.get("data").get(0);
            int id = row.get("id").asInt();
            int version = row.get("v").asInt();
            Integer before = seen.put(id, version);
            assertThat(version).as("customer %d: %s after version %s", id, record.get("type").asText(), before)
                    .isGreaterThanOrEqualTo(before == null ? 0 : before);
        }
    }

    /** Orders whose Kafka timestamps fall between the first and the last INIT of the copied table. */
    private long ordersStreamedDuringCopy(String ordersTopic, String customersTopic) {
        List<Long> initTimes = connect.topics().consumeStrings(customersTopic, Integer.MAX_VALUE, Duration.ofSeconds(2))
                .stream().filter(record -> record.value().contains("\"type\":\"INIT\""))
                .map(ConsumerRecord::timestamp).sorted().toList();
        long first = initTimes.get(0);
        long last = initTimes.get(initTimes.size() - 1);
        return connect.topics().consumeStrings(ordersTopic, Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                .filter(record -> record.value().contains("\"type\":\"INSERT\""))
                .filter(record -> record.timestamp() > first && record.timestamp() < last).count();
    }

    private List<JsonNode> values(String topic) {
        return values(topic, Duration.ofSeconds(2));
    }

    private List<JsonNode> values(String topic, Duration wait) {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : connect.topics().consumeStrings(topic, Integer.MAX_VALUE, wait)) {
            JsonNode value = record.value() == null ? null : parse(topic, record.value());
            if (value != null && value.path("data").isArray()) {
                values.add(value);
            }
        }
        return values;
    }

    private static JsonNode parse(String topic, String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new AssertionError("not JSON on " + topic + ": " + value, e);
        }
    }

    private static boolean hasId(JsonNode record, int id) {
        return record.get("data").get(0).get("id").asInt() == id;
    }
}
