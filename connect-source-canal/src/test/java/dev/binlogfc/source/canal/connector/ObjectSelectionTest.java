package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.TableName;

class ObjectSelectionTest {

    private static final List<TableName> SERVER_TABLES = List.of(TableName.parse("shop.orders"),
            TableName.parse("shop.customers"), TableName.parse("crm.accounts"), TableName.parse("mysql.user"));

    private static ObjectSelection selecting(String... dtsKeyValues) {
        Map<String, String> props = new HashMap<>(Map.of("topic.prefix", "p"));
        for (int i = 0; i < dtsKeyValues.length; i += 2) {
            props.put(dtsKeyValues[i], dtsKeyValues[i + 1]);
        }
        return ObjectSelection.of(DebeziumSettings.derive(props).properties());
    }

    @Test
    void tablesNewlyListedOrInANewlyListedDatabaseAreAdded() {
        ObjectSelection before = selecting("tables", "shop.orders");

        assertThat(selecting("tables", "shop.orders,shop.customers").addedSince(before, SERVER_TABLES))
                .containsExactly(TableName.parse("shop.customers"));
        assertThat(selecting("databases", "shop,crm").addedSince(before, SERVER_TABLES))
                .containsExactly(TableName.parse("crm.accounts"), TableName.parse("shop.customers"));
    }

    @Test
    void removingOrKeepingTablesAddsNothing() {
        ObjectSelection before = selecting("databases", "shop");

        assertThat(selecting("tables", "shop.orders").addedSince(before, SERVER_TABLES)).isEmpty();
        assertThat(selecting("databases", "shop").addedSince(before, SERVER_TABLES)).isEmpty();
    }

    @Test
    void aSelectionWithoutIncludeListsNeverAddsTheServersOwnTables() {
        assertThat(ObjectSelection.of(Map.of("table.exclude.list", "shop\\..*"))
                .addedSince(selecting("tables", "crm.accounts"), SERVER_TABLES)).isEmpty();
    }

    @Test
    void theSelectionTravelsInTheOffsetBesideDebeziumsKeys() {
        ObjectSelection selection = selecting("tables", "shop.orders");
        Map<String, Object> offset = selection.addTo(Map.of("file", "mariadb-bin.000003", "pos", 1234L));

        assertThat(offset).containsEntry("file", "mariadb-bin.000003").containsEntry("pos", 1234L);
        assertThat(ObjectSelection.fromOffset(offset)).contains(selection);
        assertThat(ObjectSelection.fromOffset(Map.of("file", "mariadb-bin.000003"))).as("written before").isEmpty();
        assertThat(ObjectSelection.fromOffset(null)).as("no offset").isEmpty();
    }

    @Test
    void theCopyRequestNamesEachTableExactlyAndItsIdDependsOnlyOnOffsetAndTables() throws Exception {
        List<TableName> added = List.of(TableName.parse("shop.customers"));
        JsonNode request = new ObjectMapper().readTree(AddedTables.snapshotRequest(added));

        assertThat(request.get("type").asText()).isEqualTo("incremental");
        assertThat(request.get("data-collections").get(0).asText()).isEqualTo(TableName.parse("shop.customers").regex());
        Map<String, Object> offset = Map.of("file", "mariadb-bin.000003", "pos", 1234L);
        String id = AddedTables.signalId(offset, added);
        assertThat(id).hasSizeLessThanOrEqualTo(42).isEqualTo(AddedTables.signalId(new HashMap<>(offset), added));
        assertThat(AddedTables.signalId(Map.of("file", "mariadb-bin.000003", "pos", 1300L), added)).isNotEqualTo(id);
        assertThat(AddedTables.signalId(offset, List.of(TableName.parse("shop.orders")))).isNotEqualTo(id);
    }
}
