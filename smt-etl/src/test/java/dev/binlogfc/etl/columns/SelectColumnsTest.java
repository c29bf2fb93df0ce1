package dev.binlogfc.etl.columns;

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

class SelectColumnsTest {

    @Test
    void excludedColumnsLeaveEveryPartOfTheMapForm() {
        SelectColumns<SourceRecord> select = select(Map.of("tables", "shop\\.order_\\d+", "exclude", "phone"));

        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) select.apply(sourceRecord(update("new", "paid"))).value();

        assertThat(value.toString()).doesNotContain("phone");
        assertThat(value.keySet()).containsExactly("id", "database", "table", "pkNames", "isDdl", "type", "es", "ts",
                "sql", "sqlType", "mysqlType", "data", "old", "serverId");
    }

    @Test
    void includeKeepsOnlyTheListedColumnsInTheStringForm() {
        SelectColumns<SinkRecord> select = select(Map.of("include", "id,status"));

        Map<String, Object> value = parse(select.apply(sinkRecord(update("new", "paid"))).value());

        assertThat(value.get("data").toString()).isEqualTo("[{id=7, status=paid}]");
        assertThat(value.get("old").toString()).isEqualTo("[{id=7, status=new}]");
        assertThat(value.get("sqlType").toString()).isEqualTo("{id=3, status=253}");
        assertThat(value.get("mysqlType").toString()).isEqualTo("{id=int, status=varchar}");
        assertThat(value.get("pkNames").toString()).isEqualTo("[id]");
    }

    @Test
    void droppingAPrimaryKeyColumnRemovesItFromPkNames() {
        SelectColumns<SinkRecord> select = select(Map.of("exclude", "id"));

        assertThat(parse(select.apply(sinkRecord(update("new", "paid"))).value()).get("pkNames").toString())
                .isEqualTo("[]");
    }

    @Test
    void otherTablesPassUnchanged() {
        SelectColumns<SourceRecord> select = select(Map.of("tables", "shop\\.customer", "exclude", "phone"));
        SourceRecord record = sourceRecord(update("new", "paid"));

        assertThat(select.apply(record)).isSameAs(record);
    }

    @Test
    void includeAndExcludeTogetherAreRefused() {
        assertThatThrownBy(() -> select(Map.of("include", "id", "exclude", "phone")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("either include or exclude");
    }

    @Test
    void anInvalidTablesRegexIsRejectedAtValidation() {
        assertThat(SelectColumns.CONFIG_DEF.validate(Map.of("tables", "shop.(order")).stream()
                .filter(v -> v.name().equals("tables")).findFirst().orElseThrow().errorMessages())
                .singleElement().asString().contains("not a valid regular expression").contains("index");
    }

    private static <R extends org.apache.kafka.connect.connector.ConnectRecord<R>> SelectColumns<R> select(
            Map<String, String> config) {
        SelectColumns<R> select = new SelectColumns<>();
        select.configure(config);
        return select;
    }
}
