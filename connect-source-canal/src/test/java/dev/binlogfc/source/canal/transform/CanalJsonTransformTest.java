package dev.binlogfc.source.canal.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.binlogfc.source.canal.format.EventIds;
import dev.binlogfc.source.canal.testing.BinlogPosition;
import dev.binlogfc.source.canal.testing.CapturedTable;
import dev.binlogfc.source.canal.testing.DebeziumConnectorFixture;
import io.debezium.schema.SchemaFactory;
import io.debezium.schema.SchemaNameAdjuster;

class CanalJsonTransformTest {

    private static final String DEMO_TABLE = "CREATE TABLE demoDatabase.demoTable ("
            + " name varchar(20) NOT NULL, sex varchar(10), age int, PRIMARY KEY (name)) DEFAULT CHARSET=utf8mb4";

    /** The record of the DTS documentation for UPDATE demoDatabase.demoTable SET age=11 WHERE name='xiaoming'. */
    private static final String DTS_EXAMPLE = """
            {"data":[{"sex":"man","name":"xiaoming","age":"11"}],"pkNames":["name"],"old":[{"sex":"man","name":"xiaoming","age":"10"}],
             "type":"UPDATE","serverId":"27142679","es":1690000000000,"sql":"","database":"demoDatabase","sqlType":{"sex":253,"name":253,"age":3},
             "mysqlType":{"sex":"varchar","name":"varchar","age":"int"},"id":62373,"isDdl":false,"table":"demoTable","ts":1690000000000}
            """;

    private static final BinlogPosition POSITION = BinlogPosition.at("mysql-bin.000019", 4_567L, 2);

    private final CanalJsonTransform<SourceRecord> transform = new CanalJsonTransform<>();

    @AfterEach
    void closeTransform() {
        transform.close();
    }

    static Stream<Arguments> connectors() {
        return Stream.of(Arguments.of("MySQL", DebeziumConnectorFixture.mysql()),
                Arguments.of("MariaDB", DebeziumConnectorFixture.mariadb()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void updateBecomesTheDtsExampleRecord(String name, DebeziumConnectorFixture connector) throws Exception {
        CapturedTable demo = connector.table(DEMO_TABLE);
        transform.configure(Map.of());
        long before = System.currentTimeMillis();

        SourceRecord canal = transform.apply(demo.update(POSITION,
                new Object[]{ "xiaoming", "man", 10 }, new Object[]{ "xiaoming", "man", 11 }));

        long after = System.currentTimeMillis();
        Map<String, Object> value = canalValue(canal);
        assertThat(value).containsOnlyKeys("id", "database", "table", "pkNames", "isDdl", "type", "es", "ts", "sql",
                "sqlType", "mysqlType", "data", "old", "serverId");
        assertThat(List.copyOf(value.keySet())).containsExactly("id", "database", "table", "pkNames", "isDdl", "type",
                "es", "ts", "sql", "sqlType", "mysqlType", "data", "old", "serverId");
        assertThat(value.get("id")).isEqualTo(EventIds.fromBinlogPosition("mysql-bin.000019", 4_567L, 0, 2));
        assertThat(value.get("es")).isEqualTo(POSITION.timestampMillis());
        assertThat((Long) value.get("ts")).isBetween(before, after);

        ObjectNode json = (ObjectNode) asJson(canal);
        ObjectNode expected = (ObjectNode) new ObjectMapper().readTree(DTS_EXAMPLE);
        for (String assignedPerEvent : List.of("id", "es", "ts")) {
            json.remove(assignedPerEvent);
            expected.remove(assignedPerEvent);
        }
        assertThat(json).isEqualTo(expected);
    }

    @Test
    void jsonValueFormIsTheTextJsonConverterWritesForTheMapForm() throws Exception {
        DebeziumConnectorFixture connector = DebeziumConnectorFixture.mariadb();
        CapturedTable demo = connector.table(DEMO_TABLE);
        List<SourceRecord> events = List.of(
                demo.update(POSITION, new Object[]{ "xiaoming", "man \uD83D\uDE00", 10 },
                        new Object[]{ "xiaoming", "中文 \"quoted\"\n", null }),
                demo.insert(POSITION, "li", null, 3),
                demo.delete(POSITION, "li", "f", 3),
                connector.schemaChange("shop", "CREATE TABLE shop.`odd.name` (id int PRIMARY KEY)", POSITION, null));
        transform.configure(Map.of());
        try (CanalJsonTransform<SourceRecord> jsonForm = new CanalJsonTransform<>()) {
            jsonForm.configure(Map.of(CanalJsonTransformConfig.VALUE_FORM_CONFIG, "JSON"));
            for (SourceRecord event : events) {
                SourceRecord asMap = transform.apply(event);

                SourceRecord asText = jsonForm.apply(event);

                assertThat(asText.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
                assertThat(withoutTs((String) asText.value())).isEqualTo(withoutTs(jsonConverterText(asMap)));
            }
            assertThat((String) jsonForm.apply(events.get(0)).value()).contains("\\uD83D\\uDE00",
                    "\\\"quoted\\\"\\n");
        }
    }

    private static String withoutTs(String canalJson) {
        return canalJson.replaceFirst(",\"ts\":\\d+,", ",\"ts\":0,");
    }

    @Test
    void insertCarriesTheAfterImageAndNoOld() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());

        Map<String, Object> value = canalValue(transform.apply(demo.insert(POSITION, "xiaoming", "man", 10)));

        assertThat(value).containsEntry("type", "INSERT").containsEntry("old", null);
        assertThat(value.get("data")).isEqualTo(List.of(row("xiaoming", "man", "10")));
    }

    /** Debezium puts a column's DEFAULT into the field schema, where Struct.get would return it in place of a NULL. */
    @Test
    void nullInAColumnWithADefaultStaysNull() {
        CapturedTable defaults = DebeziumConnectorFixture.mysql().table("CREATE TABLE shop.defaults (name varchar(20) NOT NULL,"
                + " sex varchar(10) DEFAULT 'man', age int DEFAULT 18, PRIMARY KEY (name)) DEFAULT CHARSET=utf8mb4");
        transform.configure(Map.of());

        Map<String, Object> value = canalValue(transform.apply(defaults.update(POSITION,
                new Object[]{ "xiaoming", "woman", 30 }, new Object[]{ "xiaoming", null, null })));

        assertThat(value.get("data")).isEqualTo(List.of(row("xiaoming", null, null)));
        assertThat(value.get("old")).isEqualTo(List.of(row("xiaoming", "woman", "30")));
    }

    @Test
    void deleteCarriesTheBeforeImageInData() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());

        Map<String, Object> value = canalValue(transform.apply(demo.delete(POSITION, "xiaoming", "man", 10)));

        assertThat(value).containsEntry("type", "DELETE").containsEntry("old", null);
        assertThat(value.get("data")).isEqualTo(List.of(row("xiaoming", "man", "10")));
    }

    @Test
    void snapshotReadBecomesInitWithAnIdFromDatabaseTableAndKey() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());

        Map<String, Object> xiaoming = canalValue(transform.apply(demo.read("xiaoming", "man", 10)));
        Map<String, Object> xiaomingAgain = canalValue(transform.apply(demo.read("xiaoming", "man", 10)));
        Map<String, Object> xiaomingOlder = canalValue(transform.apply(demo.read("xiaoming", "man", 12)));
        Map<String, Object> xiaohong = canalValue(transform.apply(demo.read("xiaohong", "woman", 10)));

        assertThat(xiaoming).containsEntry("type", "INIT").containsEntry("old", null);
        assertThat(xiaoming.get("data")).isEqualTo(List.of(row("xiaoming", "man", "10")));
        assertThat((Long) xiaoming.get("id")).isNotNegative()
                .isEqualTo(xiaomingAgain.get("id"))
                .isEqualTo(xiaomingOlder.get("id"))
                .isNotEqualTo(xiaohong.get("id"));
    }

    @Test
    void redeliveredBinlogEventGetsTheSameIdAndTheNextRowAnother() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());

        Object first = canalValue(transform.apply(demo.insert(POSITION, "xiaoming", "man", 10))).get("id");
        Object redelivered = canalValue(transform.apply(demo.insert(POSITION, "xiaoming", "man", 10))).get("id");
        Object nextRow = canalValue(transform.apply(demo.insert(BinlogPosition.at("mysql-bin.000019", 4_567L, 3),
                "xiaohong", "woman", 10))).get("id");
        Object sameRowOfTheNextEvent = canalValue(transform.apply(demo.insert(
                BinlogPosition.at("mysql-bin.000019", 4_567L, 1, POSITION.row()), "xiaohong", "woman", 10))).get("id");

        assertThat(first).isEqualTo(redelivered).isNotEqualTo(nextRow).isNotEqualTo(sameRowOfTheNextEvent);
    }

    @Test
    void sqlNullBecomesJsonNull() throws Exception {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());

        SourceRecord canal = transform.apply(demo.insert(POSITION, "xiaoming", null, null));

        assertThat(canalValue(canal).get("data")).isEqualTo(List.of(row("xiaoming", null, null)));
        JsonNode data = asJson(canal).get("data").get(0);
        assertThat(data.get("sex").isNull()).isTrue();
        assertThat(data.get("age").isNull()).isTrue();
    }

    @Test
    void keepsTopicPartitionKeyTimestampAndHeadersAndDropsTheValueSchema() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());
        SourceRecord event = demo.insert(POSITION, "xiaoming", "man", 10);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("trace", "abc");
        SourceRecord withExtras = event.newRecord(event.topic(), 3, event.keySchema(), event.key(), event.valueSchema(),
                event.value(), 1_234L, headers);

        SourceRecord canal = transform.apply(withExtras);

        assertThat(canal.topic()).isEqualTo(demo.topic());
        assertThat(canal.kafkaPartition()).isEqualTo(3);
        assertThat(canal.keySchema()).isSameAs(event.keySchema());
        assertThat(canal.key()).isEqualTo(event.key());
        assertThat(canal.timestamp()).isEqualTo(1_234L);
        assertThat(canal.headers()).isEqualTo(headers);
        assertThat(canal.valueSchema()).isNull();
        assertThat(canal.value()).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void tableWithoutKeyHasEmptyPkNames() {
        CapturedTable log = DebeziumConnectorFixture.mysql().table("CREATE TABLE shop.log (msg varchar(50)) DEFAULT CHARSET=utf8mb4");
        transform.configure(Map.of());

        Map<String, Object> value = canalValue(transform.apply(log.insert(POSITION, "hello")));

        assertThat(value.get("pkNames")).isEqualTo(List.of());
        assertThat(value.get("data")).isEqualTo(List.of(Map.of("msg", "hello")));
    }

    @Test
    void compositeKeyListsItsColumnsInKeyOrder() {
        CapturedTable lines = DebeziumConnectorFixture.mysql().table(
                "CREATE TABLE shop.lines (qty int, line int, order_id int, PRIMARY KEY (order_id, line))");
        transform.configure(Map.of());

        Map<String, Object> value = canalValue(transform.apply(lines.insert(POSITION, 2, 1, 7)));

        assertThat(value.get("pkNames")).isEqualTo(List.of("order_id", "line"));
    }

    @Test
    void columnWithoutSourceTypeFailsNamingTheColumnAndTheFix() {
        CapturedTable demo = DebeziumConnectorFixture.mysql("column.propagate.source.type", "").table(DEMO_TABLE);
        transform.configure(Map.of());

        assertThatThrownBy(() -> transform.apply(demo.insert(POSITION, "xiaoming", "man", 10)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("`demoDatabase`.`demoTable`.`name`")
                .hasMessageContaining("column.propagate.source.type=.*");
    }

    @Test
    void truncateBecomesATruncateTableDdlRecordOnTheTableTopic() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());

        SourceRecord canal = transform.apply(demo.truncate(POSITION));

        assertThat(canal.topic()).isEqualTo(demo.topic());
        Map<String, Object> value = canalValue(canal);
        assertThat(value).containsEntry("type", "DDL").containsEntry("isDdl", true)
                .containsEntry("sql", "TRUNCATE TABLE `demoDatabase`.`demoTable`")
                .containsEntry("database", "demoDatabase").containsEntry("table", "demoTable")
                .containsEntry("id", EventIds.fromBinlogPosition("mysql-bin.000019", 4_567L, 0, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void schemaChangeBecomesADdlRecord(String name, DebeziumConnectorFixture connector) throws Exception {
        transform.configure(Map.of());
        String ddl = "CREATE TABLE shop.`odd.name` (id int PRIMARY KEY)";

        SourceRecord canal = transform.apply(connector.schemaChange("shop", ddl, POSITION, null));

        Map<String, Object> value = canalValue(canal);
        assertThat(List.copyOf(value.keySet())).containsExactly("id", "database", "table", "pkNames", "isDdl", "type",
                "es", "ts", "sql", "sqlType", "mysqlType", "data", "old", "serverId");
        assertThat(value).containsEntry("id", EventIds.fromBinlogPosition("mysql-bin.000019", 4_567L, 0, 2))
                .containsEntry("database", "shop")
                .containsEntry("table", "odd.name")
                .containsEntry("pkNames", List.of())
                .containsEntry("isDdl", true)
                .containsEntry("type", "DDL")
                .containsEntry("es", POSITION.timestampMillis())
                .containsEntry("sql", ddl)
                .containsEntry("sqlType", Map.of())
                .containsEntry("mysqlType", Map.of())
                .containsEntry("data", null)
                .containsEntry("old", null)
                .containsEntry("serverId", "27142679");
        assertThat(canal.key()).isEqualTo(connector.schemaChange("shop", ddl, POSITION, null).key());
        assertThat(asJson(canal).get("data").isNull()).isTrue();
    }

    @Test
    void schemaChangeWithoutTableHasEmptyTable() {
        transform.configure(Map.of());

        Map<String, Object> value = canalValue(transform.apply(
                DebeziumConnectorFixture.mysql().schemaChange("shop", "CREATE DATABASE shop", POSITION, null)));

        assertThat(value).containsEntry("database", "shop").containsEntry("table", "").containsEntry("isDdl", true);
    }

    /** DTS's full copy delivers rows only; snapshot.ddl=create adds each table's CREATE TABLE, never its DROP. */
    @Test
    void schemaStatementsOfTheFullCopyAreDroppedUnlessCreateTableIsAskedFor() {
        DebeziumConnectorFixture connector = DebeziumConnectorFixture.mysql();
        SourceRecord drop = connector.schemaChange("shop", "DROP TABLE IF EXISTS `shop`.`orders`", POSITION, "true");
        SourceRecord createDatabase = connector.schemaChange("shop", "CREATE DATABASE `shop`", POSITION, "true");
        SourceRecord create = connector.schemaChange("shop", "CREATE TABLE `shop`.`orders` (id int PRIMARY KEY)",
                POSITION, "last");

        transform.configure(Map.of());
        assertThat(List.of(drop, createDatabase, create)).allSatisfy(event -> assertThat(transform.apply(event)).isNull());
        transform.configure(Map.of(CanalJsonTransformConfig.SNAPSHOT_DDL_CONFIG, "create"));
        assertThat(transform.apply(drop)).isNull();
        assertThat(transform.apply(createDatabase)).isNull();
        assertThat(canalValue(transform.apply(create))).containsEntry("type", "DDL")
                .containsEntry("sql", "CREATE TABLE `shop`.`orders` (id int PRIMARY KEY)");
        SourceRecord binlogDrop = connector.schemaChange("shop", "DROP TABLE `shop`.`orders`", POSITION, "false");
        assertThat(canalValue(transform.apply(binlogDrop))).as("the binlog's DROP is always delivered")
                .containsEntry("sql", "DROP TABLE `shop`.`orders`");
    }

    @Test
    void snapshotSchemaChangesSharingOnePositionGetDistinctStableIds() {
        DebeziumConnectorFixture connector = DebeziumConnectorFixture.mysql();
        transform.configure(Map.of(CanalJsonTransformConfig.SNAPSHOT_DDL_CONFIG, "create"));
        String ordersDdl = "CREATE TABLE shop.orders (id int PRIMARY KEY)";
        String linesDdl = "CREATE TABLE shop.lines (id int PRIMARY KEY)";

        Object orders = canalValue(transform.apply(connector.schemaChange("shop", ordersDdl, POSITION, "true"))).get("id");
        Object lines = canalValue(transform.apply(connector.schemaChange("shop", linesDdl, POSITION, "true"))).get("id");
        Object ordersAgain = canalValue(transform.apply(
                DebeziumConnectorFixture.mysql().schemaChange("shop", ordersDdl, POSITION, "true"))).get("id");

        assertThat(orders).isEqualTo(ordersAgain).isNotEqualTo(lines);
    }

    @Test
    void tombstonesAreDroppedByDefault() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());

        assertThat(transform.apply(demo.tombstone("xiaoming", "man", 10))).isNull();
    }

    @Test
    void tombstonesAreKeptUnchangedWhenNotDropped() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of(CanalJsonTransformConfig.TOMBSTONES_DROP_CONFIG, "false"));
        SourceRecord tombstone = demo.tombstone("xiaoming", "man", 10);

        assertThat(transform.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void heartbeatsPassThroughUnchanged() {
        transform.configure(Map.of());
        Schema heartbeatSchema = SchemaFactory.get().heartbeatValueSchema(SchemaNameAdjuster.NO_OP);
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.srv", null, null, null,
                heartbeatSchema, new Struct(heartbeatSchema).put("ts_ms", 1L));

        assertThat(transform.apply(heartbeat)).isSameAs(heartbeat);
    }

    @Test
    void keyFormJsonGivesEveryKeyAsTheTextJsonConverterWrites() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of(CanalJsonTransformConfig.KEY_FORM_CONFIG, "json",
                CanalJsonTransformConfig.TOMBSTONES_DROP_CONFIG, "false"));
        SourceRecord update = demo.update(POSITION, new Object[]{ "xiaoming", "man", 10 },
                new Object[]{ "xiaoming", "man", 11 });
        SourceRecord tombstone = demo.tombstone("xiaoming", "man", 11);

        SourceRecord canal = transform.apply(update);
        SourceRecord keptTombstone = transform.apply(tombstone);

        assertThat(canal.keySchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(canal.key()).isEqualTo(jsonConverterText(update.keySchema(), update.key()))
                .isEqualTo("{\"name\":\"xiaoming\"}");
        assertThat(canalValue(canal)).containsEntry("type", "UPDATE");
        assertThat(keptTombstone.key()).isEqualTo("{\"name\":\"xiaoming\"}");
        assertThat(keptTombstone.value()).isNull();
    }

    @Test
    void withValueFormJsonRecordsThatAreNotConvertedCarryJsonConverterText() {
        transform.configure(Map.of(CanalJsonTransformConfig.VALUE_FORM_CONFIG, "json"));
        Schema heartbeatSchema = SchemaFactory.get().heartbeatValueSchema(SchemaNameAdjuster.NO_OP);
        Struct heartbeatValue = new Struct(heartbeatSchema).put("ts_ms", 1L);
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.srv", null, null, null,
                heartbeatSchema, heartbeatValue);

        SourceRecord passed = transform.apply(heartbeat);

        assertThat(passed.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(passed.value()).isEqualTo(jsonConverterText(heartbeatSchema, heartbeatValue))
                .isEqualTo("{\"ts_ms\":1}");
        assertThat(passed.topic()).isEqualTo(heartbeat.topic());
        assertThat(passed.key()).isNull();
    }

    @Test
    void schemalessNonDebeziumValuesPassThroughUnchanged() {
        transform.configure(Map.of());
        SourceRecord text = new SourceRecord(Map.of(), Map.of(), "plain", null, null, null, null, "hello");

        assertThat(transform.apply(text)).isSameAs(text);
    }

    @Test
    void debeziumStructWithoutValueSchemaFailsSayingWhereTheSmtBelongs() {
        CapturedTable demo = DebeziumConnectorFixture.mysql().table(DEMO_TABLE);
        transform.configure(Map.of());
        SourceRecord event = demo.insert(POSITION, "xiaoming", "man", 10);
        SourceRecord withoutSchema = event.newRecord(event.topic(), null, event.keySchema(), event.key(), null,
                event.value(), null);

        assertThatThrownBy(() -> transform.apply(withoutSchema))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("value schema")
                .hasMessageContaining("Debezium source connector");
    }

    @Test
    void schemalessDebeziumJsonFailsSayingWhereTheSmtBelongs() {
        transform.configure(Map.of());
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("op", "c");
        envelope.put("source", Map.of("db", "shop"));
        envelope.put("after", Map.of("id", 1));
        SourceRecord schemaless = new SourceRecord(Map.of(), Map.of(), "srv.shop.orders", null, null, null, null, envelope);

        assertThatThrownBy(() -> transform.apply(schemaless))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("srv.shop.orders")
                .hasMessageContaining("value schema");
    }

    @Test
    void unknownTimeZoneIsRejectedAtConfiguration() {
        assertThatThrownBy(() -> transform.configure(Map.of(CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG, "Mars/Olympus")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG);
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(transform.config().configKeys().values())
                .allSatisfy(key -> assertThat(key.documentation).isNotBlank())
                .extracting(key -> key.name)
                .containsExactlyInAnyOrder(CanalJsonTransformConfig.TOMBSTONES_DROP_CONFIG,
                        CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG, CanalJsonTransformConfig.OLD_IMAGE_CONFIG,
                        CanalJsonTransformConfig.MYSQL_TYPE_FORM_CONFIG, CanalJsonTransformConfig.SQL_TYPE_CODES_CONFIG,
                        CanalJsonTransformConfig.BINARY_ENCODING_CONFIG, CanalJsonTransformConfig.SNAPSHOT_TYPE_CONFIG,
                        CanalJsonTransformConfig.DDL_DELIVERY_CONFIG, CanalJsonTransformConfig.SNAPSHOT_DDL_CONFIG,
                        CanalJsonTransformConfig.SERVER_ID_FALLBACK_CONFIG,
                        CanalJsonTransformConfig.VALUE_FORM_CONFIG, CanalJsonTransformConfig.KEY_FORM_CONFIG);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> canalValue(SourceRecord record) {
        assertThat(record.valueSchema()).isNull();
        return (Map<String, Object>) record.value();
    }

    /** The value as the topic holds it with value.converter=JsonConverter and schemas.enable=false. */
    static JsonNode asJson(SourceRecord record) throws Exception {
        return new ObjectMapper().readTree(jsonConverterText(record));
    }

    private static String jsonConverterText(SourceRecord record) {
        return jsonConverterText(record.valueSchema(), record.value());
    }

    private static String jsonConverterText(Schema schema, Object value) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), false);
            return new String(converter.fromConnectData("topic", schema, value), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> row(String name, String sex, String age) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("sex", sex);
        row.put("age", age);
        return row;
    }
}
