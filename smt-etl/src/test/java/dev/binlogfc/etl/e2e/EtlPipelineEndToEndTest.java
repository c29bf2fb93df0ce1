package dev.binlogfc.etl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.etl.columns.MaskColumns;
import dev.binlogfc.etl.filter.OperationFilter;
import dev.binlogfc.etl.filter.RowFilter;
import dev.binlogfc.etl.route.RouteTables;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The ETL transforms inside the real connectors: MariaDB binlog -> Debezium + Canal SMT + row filter + mask +
 * route (map form) -> Kafka -> FC sink + operation filter (JSON string form, StringConverter) -> function endpoint,
 * configs posted through the Connect REST API starting from examples/connectors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class EtlPipelineEndToEndTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final Duration CONNECTOR_START = Duration.ofSeconds(60);
    private static final String ROUTED_TOPIC = "binlogfc.shop.order";

    private MariaDbServer database;
    private FcLocalEndpoint function;
    private ConnectStack connect;
    private ExampleConnector source;
    private ExampleConnector sink;

    @BeforeAll
    void startStack() throws Exception {
        database = MariaDbServer.start(new MariaDbServerOptions().serverId(27142679L));
        database.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.order_1 (id INT NOT NULL PRIMARY KEY, status VARCHAR(16), phone VARCHAR(20))",
                "CREATE TABLE shop.order_2 (id INT NOT NULL PRIMARY KEY, status VARCHAR(16), phone VARCHAR(20))",
                "INSERT INTO shop.order_1 VALUES (1, 'new', '13800001111')",
                "INSERT INTO shop.order_2 VALUES (2, 'paid', '13900002222')");
        database.createDebeziumUser("binlogfc", "binlogfc-secret");
        function = FcLocalEndpoint.builder().service("etlService").function("etlFunction")
                .accessKey("local-access-key-id", "local-access-key-secret").start();
        connect = ConnectStack.start();
        Map<String, String> values = Map.ofEntries(
                Map.entry("DB_HOST", database.host()),
                Map.entry("DB_PORT", Integer.toString(database.port())),
                Map.entry("DB_USER", "binlogfc"),
                Map.entry("DB_PASSWORD", "binlogfc-secret"),
                Map.entry("DB_CLIENT_SERVER_ID", "5401"),
                Map.entry("DATABASE", "shop"),
                Map.entry("TOPIC_PREFIX", "binlogfc"),
                Map.entry("KAFKA_BOOTSTRAP", connect.bootstrapServers()),
                Map.entry("FC_ENDPOINT", function.url()),
                Map.entry("FC_SERVICE", function.serviceName()),
                Map.entry("FC_FUNCTION", function.functionName()),
                Map.entry("FC_ACCESS_KEY_ID", "local-access-key-id"),
                Map.entry("FC_ACCESS_KEY_SECRET", "local-access-key-secret"));
        source = withSourceTransforms(ExampleConnector.load("source-mariadb-canal.json", values));
        sink = withSinkTransforms(ExampleConnector.load("sink-fc.json", values));
    }

    @AfterAll
    void stopStack() {
        for (AutoCloseable component : new AutoCloseable[] {connect, function, database}) {
            if (component != null) {
                try {
                    component.close();
                } catch (Exception e) {
                    System.err.println("Could not stop " + component.getClass().getSimpleName() + ": " + e);
                }
            }
        }
    }

    @Test
    void theFunctionReceivesExactlyTheFilteredMaskedAndRoutedRecords() throws Exception {
        start(source);
        start(sink);
        database.execute(
                "INSERT INTO shop.order_2 VALUES (3, 'new', '13700003333')",
                "UPDATE shop.order_1 SET status = 'paid' WHERE id = 1",
                // Filtered out on the source: the status does not change.
                "UPDATE shop.order_1 SET phone = '13800009999' WHERE id = 1",
                // Dropped on the sink by the operation filter.
                "DELETE FROM shop.order_2 WHERE id = 2",
                // The last change: once it has arrived, everything before it on the one partition has too.
                "UPDATE shop.order_2 SET status = 'shipped' WHERE id = 3");

        function.awaitRecords(5, ARRIVAL);
        List<JsonNode> records = receivedRecords();

        assertThat(records.subList(0, 2)).extracting(EtlPipelineEndToEndTest::summary).containsExactlyInAnyOrder(
                "INIT shop.order data={id=1 status=new phone=*******1111} old=null",
                "INIT shop.order data={id=2 status=paid phone=*******2222} old=null");
        assertThat(records.subList(2, records.size())).extracting(EtlPipelineEndToEndTest::summary).containsExactly(
                "INSERT shop.order data={id=3 status=new phone=*******3333} old=null",
                "UPDATE shop.order data={id=1 status=paid phone=*******1111} old={id=1 status=new phone=*******1111}",
                "UPDATE shop.order data={id=3 status=shipped phone=*******3333} old={id=3 status=new phone=*******3333}");
        JsonNode update = records.get(3);
        assertThat(update.get("mysqlType").toString()).isEqualTo("{\"id\":\"int\",\"status\":\"varchar\",\"phone\":\"varchar\"}");
        assertThat(update.get("pkNames").toString()).isEqualTo("[\"id\"]");
        List<String> fields = new ArrayList<>();
        update.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the transforms keep the Canal field order").containsExactly("id", "database", "table",
                "pkNames", "isDdl", "type", "es", "ts", "sql", "sqlType", "mysqlType", "data", "old", "serverId");
    }

    @Test
    void anInvalidRowFilterIsRejectedByTheRestValidateCallWithItsPosition() {
        Map<String, String> config = source.config();
        config.put("name", "invalid-row-filter");
        config.put("transforms.statusChanged.expression", "type != 'UPDATE' || data.status !=");

        JsonNode answer = connect.rest().validate(config.get("connector.class"), config);

        assertThat(answer.get("error_count").asInt()).isEqualTo(1);
        assertThat(errorsOf(answer, "transforms.statusChanged.expression"))
                .singleElement().asString().contains("line 1, column").contains("syntax error");
    }

    private static ExampleConnector withSourceTransforms(ExampleConnector example) {
        Map<String, String> config = new LinkedHashMap<>(example.config());
        // The shipped source applies the Canal step itself, so the ETL chain is its first transform chain.
        String shipped = config.get("transforms");
        String chain = "statusChanged,maskPhone,mergeShards";
        config.put("transforms", shipped == null ? chain : shipped + "," + chain);
        config.put("transforms.statusChanged.type", RowFilter.class.getName());
        config.put("transforms.statusChanged.expression", "type != 'UPDATE' || data.status != old.status");
        config.put("transforms.maskPhone.type", MaskColumns.class.getName());
        config.put("transforms.maskPhone.tables", "shop\\.order_\\d+");
        config.put("transforms.maskPhone.columns", "phone");
        config.put("transforms.maskPhone.mode", "keep-last");
        config.put("transforms.maskPhone.keep.last", "4");
        config.put("transforms.mergeShards.type", RouteTables.class.getName());
        config.put("transforms.mergeShards.table.regex", "order_\\d+");
        config.put("transforms.mergeShards.table.replacement", "order");
        config.put("transforms.mergeShards.topic.format", "binlogfc.${database}.${table}");
        return new ExampleConnector(example.name(), config);
    }

    private static ExampleConnector withSinkTransforms(ExampleConnector example) {
        Map<String, String> config = new LinkedHashMap<>(example.config());
        // Only the routed topic: records arriving at all prove the route's topic.format.
        config.remove("topics.regex");
        config.put("topics", ROUTED_TOPIC);
        config.put("transforms", "dropDeletes");
        config.put("transforms.dropDeletes.type", OperationFilter.class.getName());
        config.put("transforms.dropDeletes.drop.types", "delete,ddl");
        return new ExampleConnector(example.name(), config);
    }

    private void start(ExampleConnector connector) {
        connect.rest().createOrUpdate(connector.name(), connector.config());
        connect.rest().awaitRunning(connector.name(), 1, CONNECTOR_START);
    }

    private List<JsonNode> receivedRecords() {
        List<JsonNode> records = new ArrayList<>();
        for (ReceivedBatch batch : function.receivedBatches()) {
            records.addAll(batch.records());
        }
        return records;
    }

    private static String summary(JsonNode record) {
        return record.get("type").asText() + " " + record.get("database").asText() + "." + record.get("table").asText()
                + " data=" + row(record.get("data")) + " old=" + row(record.get("old"));
    }

    private static String row(JsonNode rows) {
        if (rows.isNull()) {
            return "null";
        }
        List<String> columns = new ArrayList<>();
        rows.get(0).fields().forEachRemaining(column -> columns.add(column.getKey() + "=" + column.getValue().asText()));
        return "{" + String.join(" ", columns) + "}";
    }

    private static List<String> errorsOf(JsonNode validation, String key) {
        List<String> errors = new ArrayList<>();
        for (JsonNode config : validation.get("configs")) {
            if (config.path("value").path("name").asText().equals(key)) {
                config.path("value").path("errors").forEach(error -> errors.add(error.asText()));
            }
        }
        return errors;
    }
}
