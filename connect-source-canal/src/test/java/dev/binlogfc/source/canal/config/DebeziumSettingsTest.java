package dev.binlogfc.source.canal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.teststack.logging.LogCapture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.config.ConfigException;
import org.apache.logging.log4j.Level;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class DebeziumSettingsTest {

    @Test
    void incrementalOnlyIsTheDefaultAndTakesNoSnapshotOfRows() {
        assertThat(derive("databases", "shop").properties()).containsEntry("snapshot.mode", "no_data");
    }

    @Test
    void fullPlusIncrementalCopiesExistingRowsFirst() {
        assertThat(derive("databases", "shop", "sync.types", "full, incremental").properties())
                .containsEntry("snapshot.mode", "initial");
    }

    @Test
    void syncTypesOtherThanTheTwoDtsCombinationsAreRejected() {
        assertThat(errors("sync.types", "full")).singleElement().asString().contains("'full,incremental'");
    }

    @Test
    void databasesBecomeTheDatabaseIncludeListWithoutATableFilter() {
        Map<String, String> properties = derive("databases", "shop,crm").properties();

        assertThat(properties.get("database.include.list")).isEqualTo("\\Qshop\\E,\\Qcrm\\E");
        assertThat(properties).doesNotContainKey("table.include.list");
    }

    @Test
    void listedTablesAreMatchedExactlyNextToWholeDatabases() {
        Map<String, String> properties = derive("databases", "crm", "tables", "shop.orders,shop.order.items").properties();

        assertThat(properties.get("database.include.list")).isEqualTo("\\Qcrm\\E,\\Qshop\\E");
        assertThat(properties.get("table.include.list"))
                .isEqualTo("\\Qcrm\\E\\..*,\\Qshop\\E\\.\\Qorders\\E,\\Qshop\\E\\.\\Qorder.items\\E");
    }

    @Test
    void moreThanAThousandListedTablesAskToSplitTheTaskOrSelectTheDatabase() {
        String tables = IntStream.rangeClosed(1, 1001).mapToObj(i -> "shop.t" + i).collect(Collectors.joining(","));

        assertThat(errors("tables", tables)).singleElement().asString()
                .contains("at most 1000 tables").contains("split").contains("databases");
        assertThat(errors("tables", tables.substring(0, tables.lastIndexOf(',')))).isEmpty();
    }

    @Test
    void tablesMustNameTheirDatabase() {
        assertThat(errors("tables", "orders")).singleElement().asString().contains("database.table");
    }

    @Test
    void nothingSelectedIsAProblemOnDatabases() {
        assertThat(DebeziumSettings.derive(Map.of()).problems()).containsOnlyKeys("databases");
    }

    @Test
    void debeziumIncludeListsAloneSelectObjectsAndPassThrough() {
        DebeziumSettings settings = DebeziumSettings.derive(Map.of("table.include.list", "shop\\.o.*"));

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.properties()).containsEntry("table.include.list", "shop\\.o.*")
                .doesNotContainKey("database.include.list");
    }

    @Test
    void aDebeziumKeySetNextToTheDtsKeyThatDecidesItIsAProblemOnTheDebeziumKey() {
        DebeziumSettings settings = DebeziumSettings.derive(Map.of("databases", "shop", "sync.types", "incremental",
                "snapshot.mode", "initial", "database.include.list", "crm"));

        assertThat(settings.problems()).containsOnlyKeys("snapshot.mode", "database.include.list");
        assertThat(settings.problems().get("snapshot.mode")).contains("sync.types");
    }

    @Test
    void aDebeziumKeyWithoutItsDtsKeyPassesThrough() {
        DebeziumSettings settings = DebeziumSettings.derive(Map.of("databases", "shop", "snapshot.mode", "when_needed"));

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.properties()).containsEntry("snapshot.mode", "when_needed");
    }

    @Test
    void operationsNotSelectedAreSkippedAtTheSource() {
        Map<String, String> properties = derive("databases", "shop", "sync.operations", "insert,UPDATE").properties();

        assertThat(properties).containsEntry("skipped.operations", "t,d").containsEntry("include.schema.changes", "false");
    }

    /** DTS delivers TRUNCATE as DDL, and the DDL of views, procedures, functions and triggers. */
    @Test
    void allOperationsAreDeliveredByDefaultTruncateAndRoutinesIncluded() {
        Map<String, String> properties = derive("databases", "shop").properties();

        assertThat(properties).containsEntry("skipped.operations", "none").containsEntry("include.schema.changes", "true");
        String filter = properties.get("internal.schema.history.internal.ddl.filter");
        assertThat(filter).as("Debezium's default filter but its routines entry")
                .contains("SAVEPOINT .*", "(USER|ROLE)").doesNotContain("PROCEDURE");
        assertThat(io.debezium.relational.history.SchemaHistory.DDL_FILTER.defaultValueAsString())
                .startsWith(filter + ",").contains("PROCEDURE");
    }

    @Test
    void withoutDdlTruncateIsSkippedAndTheDdlFilterIsDebeziums() {
        Map<String, String> properties = derive("databases", "shop", "sync.operations", "insert,update,delete")
                .properties();

        assertThat(properties).containsEntry("skipped.operations", "t").containsEntry("include.schema.changes", "false")
                .doesNotContainKey("internal.schema.history.internal.ddl.filter");
    }

    @Test
    void aDdlFilterTheUserSetIsKept() {
        assertThat(derive("databases", "shop", "internal.schema.history.internal.ddl.filter", "SAVEPOINT .*")
                .properties()).containsEntry("internal.schema.history.internal.ddl.filter", "SAVEPOINT .*");
    }

    @Test
    void unknownOperationsAreRejected() {
        assertThat(errors("sync.operations", "insert,truncate")).singleElement().asString()
                .contains("truncate", "insert, update, delete, ddl");
    }

    @Test
    void encryptionMapsOntoEachConnectorsSslMode() {
        assertThat(derive("databases", "shop", "source.encryption", "ssl").properties())
                .containsEntry("database.ssl.mode", "required");
        assertThat(derive("databases", "shop", "source.type", "mariadb", "source.encryption", "SSL").properties())
                .containsEntry("database.ssl.mode", "trust");
        assertThat(derive("databases", "shop", "source.type", "mariadb", "source.encryption", "none").properties())
                .containsEntry("database.ssl.mode", "disable");
        assertThat(derive("databases", "shop").properties()).doesNotContainKey("database.ssl.mode");
    }

    @Test
    void heartbeatWritesItsTableAndExcludesItFromTheSelectedDatabases() {
        Map<String, String> properties = derive("databases", "shop", "heartbeat.table", "shop.heartbeat").properties();

        assertThat(properties.get("heartbeat.action.query"))
                .isEqualTo("INSERT INTO `shop`.`heartbeat` (id, ts) VALUES (1, NOW(3)) ON DUPLICATE KEY UPDATE ts = NOW(3)");
        assertThat(properties).containsEntry("heartbeat.interval.ms", "10000")
                .containsEntry("table.exclude.list", "\\Qshop\\E\\.\\Qheartbeat\\E");
    }

    @Test
    void aHeartbeatTableAmongTheSelectedTablesIsAProblem() {
        DebeziumSettings settings = DebeziumSettings.derive(Map.of("databases", "ops", "tables", "shop.orders",
                "heartbeat.table", "ops.heartbeat"));

        assertThat(settings.problems()).containsOnlyKeys("heartbeat.table");
    }

    @Test
    void aHeartbeatTableOutsideTheSelectedTablesNeedsNoExclusion() {
        DebeziumSettings settings = DebeziumSettings.derive(Map.of("tables", "shop.orders",
                "heartbeat.table", "ops.heartbeat"));

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.properties()).doesNotContainKey("table.exclude.list");
    }

    @Test
    void theCanalSmtGetsTheColumnTypesItNeedsUnlessTheUserDecidedOtherwise() {
        assertThat(derive("databases", "shop").properties()).containsEntry("column.propagate.source.type", ".*")
                .as("dates as stored (ValuesMatchServerTextPropertyTest)").containsEntry("enable.time.adjuster", "false")
                .containsEntry("driver.yearIsDateType", "false");
        assertThat(derive("databases", "shop", "column.propagate.source.type", "shop\\..*").properties())
                .containsEntry("column.propagate.source.type", "shop\\..*");
    }

    @Test
    void anInvalidDtsKeyFailsDerivation() {
        assertThatThrownBy(() -> derive("databases", "shop", "source.type", "postgres"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void theSpellingsOfEarlierVersionsAreAcceptedWithADeprecationWarning() {
        try (LogCapture log = new LogCapture(Map.of(EnumChoice.class.getName(), Level.WARN))) {
            CanalSourceConfig config = new CanalSourceConfig(map("databases", "shop", "source.type", "MariaDB",
                    "sync.operations", "INSERT,ddl", "sync.types", "FULL,incremental"));

            assertThat(config.sourceType()).isEqualTo(SourceType.MARIADB);
            assertThat(config.operations()).containsExactly(SyncOperation.INSERT, SyncOperation.DDL);
            assertThat(config.syncTypes()).isEqualTo(SyncTypes.FULL_AND_INCREMENTAL);
            assertThat(log.linesOf(EnumChoice.class.getName())).hasSize(3).anySatisfy(line -> assertThat(line)
                    .contains("sync.operations=INSERT", "deprecated", "sync.operations=insert"));
        }
    }

    @Test
    void validationListsTheCanonicalValuesAndShowsTheFullCopyThrottleOnlyWithAFullCopy() {
        Map<String, ConfigValue> incremental = validated(map("databases", "shop"));
        assertThat(incremental.get("source.type").recommendedValues()).containsExactly("mysql", "mariadb");
        assertThat(incremental.get("sync.operations").recommendedValues())
                .containsExactly("insert", "update", "delete", "ddl");
        assertThat(incremental.get("canal.ddl.delivery").recommendedValues())
                .containsExactly("schema-topic", "table-topic", "drop");
        assertThat(incremental.get("throttle.init.rows.per.second").visible()).isFalse();
        assertThat(validated(map("databases", "shop", "sync.types", "full,incremental"))
                .get("throttle.init.rows.per.second").visible()).isTrue();
    }

    private static Map<String, ConfigValue> validated(Map<String, String> props) {
        return CanalSourceConfig.CONFIG_DEF.validate(props).stream()
                .collect(Collectors.toMap(ConfigValue::name, value -> value));
    }

    private static DebeziumSettings derive(String... keyValues) {
        DebeziumSettings settings = DebeziumSettings.derive(map(keyValues));
        assertThat(settings.problems()).isEmpty();
        return settings;
    }

    private static List<String> errors(String key, String value) {
        Map<String, String> props = map("databases", "shop", key, value);
        return CanalSourceConfig.CONFIG_DEF.validate(props).stream()
                .filter(configValue -> configValue.name().equals(key))
                .map(ConfigValue::errorMessages)
                .findFirst().orElseThrow();
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
