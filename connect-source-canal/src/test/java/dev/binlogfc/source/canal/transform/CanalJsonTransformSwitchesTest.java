package dev.binlogfc.source.canal.transform;

import static dev.binlogfc.source.canal.transform.CanalJsonTransformTest.canalValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.logging.log4j.Level;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.source.canal.testing.BinlogPosition;
import dev.binlogfc.teststack.logging.LogCapture;
import dev.binlogfc.source.canal.testing.CapturedTable;
import dev.binlogfc.source.canal.testing.DebeziumConnectorFixture;

/** The config switches between the DTS form (defaults), Canal's form and what Flink's canal-json reader accepts. */
class CanalJsonTransformSwitchesTest {

    private static final String ITEMS = "CREATE TABLE shop.items (id int NOT NULL, name varchar(20), price decimal(10,2) unsigned,"
            + " size enum('s','m'), raw varbinary(4), PRIMARY KEY (id))";
    private static final BinlogPosition POSITION = BinlogPosition.at("mysql-bin.000002", 900L, 0);

    private final DebeziumConnectorFixture connector = DebeziumConnectorFixture.mariadb();
    private final CapturedTable items = connector.table(ITEMS);
    private final CanalJsonTransform<SourceRecord> transform = new CanalJsonTransform<>();

    @AfterEach
    void closeTransform() {
        transform.close();
    }

    @Test
    void oldHoldsTheFullBeforeImageByDefaultAndOnlyChangedColumnsOnRequest() {
        SourceRecord update = items.update(POSITION, new Object[]{ 1, "a", new BigDecimal("1.00"), 1, null },
                new Object[]{ 1, "b", new BigDecimal("1.00"), 1, null });

        transform.configure(Map.of());
        assertThat(row(canalValue(transform.apply(update)), "old"))
                .isEqualTo(withNull(Map.of("id", "1", "name", "a", "price", "1.00", "size", "s"), "raw"));
        transform.configure(Map.of("old.image", "changed"));
        assertThat(canalValue(transform.apply(update)).get("old")).isEqualTo(List.of(Map.of("name", "a")));
    }

    /** Values the UPDATE kept are equal, not the same objects: each image holds its own copy of them. */
    @Test
    void oldShowsTheKeptValuesAsDataDoesAndChangedLeavesThemOut() {
        SourceRecord update = items.update(POSITION, new Object[]{ 1, "a", new BigDecimal("1.00"), 2, new byte[]{ 1, 2 } },
                new Object[]{ 1, new String("a"), new BigDecimal("2.50"), 2, new byte[]{ 1, 2 } });

        transform.configure(Map.of());
        Map<String, Object> full = canalValue(transform.apply(update));
        assertThat(row(full, "old")).isEqualTo(Map.of("id", "1", "name", "a", "price", "1.00", "size", "m", "raw", "\u0001\u0002"));
        assertThat(row(full, "data")).isEqualTo(Map.of("id", "1", "name", "a", "price", "2.50", "size", "m", "raw", "\u0001\u0002"));
        transform.configure(Map.of("old.image", "changed"));
        assertThat(canalValue(transform.apply(update)).get("old")).isEqualTo(List.of(Map.of("price", "1.00")));
    }

    @Test
    void mysqlTypeAndSqlTypeSwitchToCanalsForms() {
        transform.configure(Map.of("mysql.type.form", "declaration", "sql.type.codes", "jdbc"));

        Map<String, Object> value = canalValue(transform.apply(items.read(1, "a", null, null, null)));

        assertThat(value.get("mysqlType")).isEqualTo(Map.of("id", "int", "name", "varchar(20)",
                "price", "decimal(10,2) unsigned", "size", "enum('s','m')", "raw", "varbinary(4)"));
        assertThat(value.get("sqlType")).isEqualTo(Map.of("id", 4, "name", 12, "price", 3, "size", 4, "raw", -3));
    }

    @ParameterizedTest
    @CsvSource({ "iso-8859-1, '\u0000\u00ff'", "base64, AP8=", "hex, 00FF", "HEX, 00FF" })
    void binaryEncodingIsConfigurable(String encoding, String expected) {
        transform.configure(Map.of("binary.encoding", encoding));

        Map<String, Object> value = canalValue(transform.apply(items.read(1, null, null, null, new byte[]{ 0, (byte) 0xFF })));

        assertThat(row(value, "data").get("raw")).isEqualTo(expected);
    }

    @Test
    void snapshotRowsCanBeInserts() {
        transform.configure(Map.of("snapshot.type", "insert"));

        assertThat(canalValue(transform.apply(items.read(1, "a", null, null, null)))).containsEntry("type", "INSERT");
    }

    @Test
    void theUpperCaseSnapshotTypeOfEarlierVersionsStillGivesInsertsWithADeprecationWarning() {
        try (LogCapture log = new LogCapture(Map.of(EnumChoice.class.getName(), Level.WARN))) {
            transform.configure(Map.of("snapshot.type", "INSERT"));

            assertThat(log.linesOf(EnumChoice.class.getName())).singleElement().asString()
                    .contains("snapshot.type=INSERT", "snapshot.type=insert");
        }
        assertThat(canalValue(transform.apply(items.read(1, "a", null, null, null)))).containsEntry("type", "INSERT");
    }

    @Test
    void serverIdFallbackReplacesOnlyTheZeroThatDebeziumReportsForSnapshotReads() {
        transform.configure(Map.of("server.id.fallback", "31"));
        SourceRecord snapshotRead = items.read(1, "a", null, null, null);
        ((Struct) snapshotRead.value()).getStruct("source").put("server_id", 0L);

        assertThat(canalValue(transform.apply(snapshotRead))).containsEntry("serverId", "31");
        assertThat(canalValue(transform.apply(items.insert(POSITION, 2, "b", null, null, null))))
                .containsEntry("serverId", String.valueOf(DebeziumConnectorFixture.SERVER_ID));
        transform.configure(Map.of());
        assertThat(canalValue(transform.apply(snapshotRead))).as("default: Debezium's 0").containsEntry("serverId", "0");
    }

    @Test
    void ddlMovesToTheTableTopicByDefaultStaysOnTheSchemaTopicOrIsDropped() {
        SourceRecord alter = connector.schemaChange("shop", "ALTER TABLE shop.items ADD COLUMN note varchar(5)", POSITION, "false");

        transform.configure(Map.of());
        SourceRecord onTableTopic = transform.apply(alter);
        assertThat(onTableTopic.topic()).isEqualTo(alter.topic() + ".shop.items").isEqualTo(items.topic());
        assertThat(onTableTopic.kafkaPartition()).isNull();
        transform.configure(Map.of("ddl.delivery", "schema-topic"));
        assertThat(transform.apply(alter).topic()).isEqualTo(alter.topic());
        transform.configure(Map.of("ddl.delivery", "drop"));
        assertThat(transform.apply(alter)).isNull();
    }

    /** Procedures, functions and DROP TRIGGER name no table: they go to their database's topic, next to its tables'. */
    @Test
    void ddlNamingNoTableGoesToItsDatabasesTopic() {
        transform.configure(Map.of());
        SourceRecord procedure = connector.schemaChange("shop", "CREATE DEFINER=`root`@`%` PROCEDURE `shop`.`p`() SELECT 1",
                POSITION, "false");

        SourceRecord canal = transform.apply(procedure);

        assertThat(canal.topic()).isEqualTo(procedure.topic() + ".shop");
        assertThat(canalValue(canal)).containsEntry("database", "shop").containsEntry("table", "");
    }

    @Test
    void indexStatementsNameTheirTableEvenWhenDebeziumDoesNot() {
        transform.configure(Map.of("ddl.delivery", "table-topic"));
        SourceRecord createIndex = connector.schemaChange("", "CREATE UNIQUE INDEX idx ON `shop`.`items` (name)", POSITION, "false");

        SourceRecord canal = transform.apply(createIndex);

        assertThat(canalValue(canal)).containsEntry("database", "shop").containsEntry("table", "items");
        assertThat(canal.topic()).isEqualTo(items.topic());
    }

    @Test
    void primaryKeyChangeBecomesOneUpdateKeyedByTheOldKey() {
        transform.configure(Map.of());
        SourceRecord delete = items.delete(POSITION, 1, "a", null, null, null);
        SourceRecord create = items.insert(POSITION, 2, "a", null, null, null);
        delete.headers().add(CanalJsonTransform.NEW_KEY_HEADER, create.key(), create.keySchema());
        create.headers().add(CanalJsonTransform.OLD_KEY_HEADER, delete.key(), delete.keySchema());

        assertThat(transform.apply(delete)).as("held until its CREATE half").isNull();
        assertThat(transform.apply(items.tombstone(1, "a", null, null, null))).isNull();
        SourceRecord update = transform.apply(create);

        assertThat(((Struct) update.key()).getInt32("id")).isEqualTo(1);
        Map<String, Object> value = canalValue(update);
        assertThat(value).containsEntry("type", "UPDATE");
        assertThat(row(value, "old")).containsEntry("id", "1");
        assertThat(row(value, "data")).containsEntry("id", "2");
    }

    @Test
    void primaryKeyChangeWithoutItsCreateHalfFails() {
        transform.configure(Map.of());
        SourceRecord delete = items.delete(POSITION, 1, "a", null, null, null);
        delete.headers().add(CanalJsonTransform.NEW_KEY_HEADER, delete.key(), delete.keySchema());
        transform.apply(delete);

        assertThatThrownBy(() -> transform.apply(items.insert(POSITION, 3, "c", null, null, null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(CanalJsonTransform.OLD_KEY_HEADER)
                .hasMessageContaining("first in the connector's transforms");
    }

    @ParameterizedTest
    @CsvSource({ "old.image, partial", "mysql.type.form, full", "sql.type.codes, dts", "binary.encoding, utf-8",
            "snapshot.type, CREATE", "ddl.delivery, topic", "server.id.fallback, -1", "server.id.fallback, 4294967296" })
    void unknownChoicesAreRejectedNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> transform.configure(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> row(Map<String, Object> value, String field) {
        return ((List<Map<String, String>>) value.get(field)).get(0);
    }

    private static Map<String, String> withNull(Map<String, String> row, String column) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put(column, null);
        return copy;
    }
}
