package dev.binlogfc.etl.route;

import static dev.binlogfc.etl.record.CanalRecords.ddl;
import static dev.binlogfc.etl.record.CanalRecords.parse;
import static dev.binlogfc.etl.record.CanalRecords.sinkRecord;
import static dev.binlogfc.etl.record.CanalRecords.sourceRecord;
import static dev.binlogfc.etl.record.CanalRecords.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RouteTablesTest {
    private static final Map<String, String> MERGE_SHARDS = Map.of(
            "table.regex", "order_\\d+", "table.replacement", "order",
            "topic.format", "binlogfc.${database}.${table}");

    @Test
    void mergesShardTablesAndSetsTheTopicInTheMapForm() {
        RouteTables<SourceRecord> route = route(MERGE_SHARDS);

        SourceRecord routed = route.apply(sourceRecord(update("new", "paid")));

        assertThat(routed.topic()).isEqualTo("binlogfc.shop.order");
        assertThat(((Map<?, ?>) routed.value()).get("table")).isEqualTo("order");
        assertThat(((Map<?, ?>) routed.value()).get("database")).isEqualTo("shop");
        assertThat(routed.key()).isEqualTo(Map.of("id", 7));
    }

    @Test
    void renamesTheDatabaseWithGroupsAndKeepsTheTopicInTheStringForm() {
        RouteTables<SinkRecord> route = route(Map.of("database.regex", "(sho)p", "database.replacement", "$1_archive"));

        SinkRecord routed = route.apply(sinkRecord(update("new", "paid")));

        assertThat(routed.topic()).isEqualTo("binlogfc.shop.order_1");
        assertThat(routed.kafkaPartition()).isZero();
        Map<String, Object> value = parse(routed.value());
        assertThat(value.get("database")).isEqualTo("sho_archive");
        assertThat(value.get("table")).isEqualTo("order_1");
        assertThat(value.keySet()).first().isEqualTo("id");
    }

    @Test
    void ddlIsRenamedButKeepsTheTopicTheCanalSmtChose() {
        RouteTables<SourceRecord> route = route(MERGE_SHARDS);

        SourceRecord routed = route.apply(sourceRecord(ddl()));

        assertThat(routed.topic()).isEqualTo("binlogfc.shop.order_1");
        assertThat(((Map<?, ?>) routed.value()).get("table")).isEqualTo("order");
    }

    @Test
    void unmatchedNamesPassUnchanged() {
        RouteTables<SourceRecord> route = route(Map.of("table.regex", "customer_\\d+", "table.replacement", "customer"));
        SourceRecord record = sourceRecord(update("new", "paid"));

        assertThat(route.apply(record)).isSameAs(record);
    }

    @Test
    void badTopicFormatsAndMissingGroupsAreRejected() {
        assertThat(RouteTables.CONFIG_DEF.validate(Map.of("topic.format", "x.${schema}")).stream()
                .filter(v -> v.name().equals("topic.format")).findFirst().orElseThrow().errorMessages())
                .singleElement().asString().contains("unknown placeholder ${schema}");
        assertThat(RouteTables.CONFIG_DEF.validate(Map.of("topic.format", "x y.${table}")).stream()
                .filter(v -> v.name().equals("topic.format")).findFirst().orElseThrow().errorMessages())
                .singleElement().asString().contains("may contain only");
        assertThatThrownBy(() -> route(Map.of("table.regex", "order_(\\d+)", "table.replacement", "order_$2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("has 1 group(s)");
    }

    private static <R extends org.apache.kafka.connect.connector.ConnectRecord<R>> RouteTables<R> route(
            Map<String, String> config) {
        RouteTables<R> route = new RouteTables<>();
        route.configure(config);
        return route;
    }
}
