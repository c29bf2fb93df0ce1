package dev.binlogfc.etl.filter;

import static dev.binlogfc.etl.record.CanalRecords.insert;
import static dev.binlogfc.etl.record.CanalRecords.sinkRecord;
import static dev.binlogfc.etl.record.CanalRecords.sourceRecord;
import static dev.binlogfc.etl.record.CanalRecords.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlogfc.etl.record.CanalRecords;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RowFilterTest {
    private static final String STATUS_CHANGED = "type == 'UPDATE' && data.status != old.status";

    @Test
    void keepsOnlyMatchingRecordsInTheMapForm() {
        RowFilter<SourceRecord> filter = filter(STATUS_CHANGED, "keep");

        SourceRecord changed = sourceRecord(update("new", "paid"));
        assertThat(filter.apply(changed)).isSameAs(changed);
        assertThat(filter.apply(sourceRecord(update("paid", "paid")))).isNull();
        assertThat(filter.apply(sourceRecord(insert("new")))).isNull();
    }

    @Test
    void dropsMatchingRecordsInTheStringForm() {
        RowFilter<SinkRecord> filter = filter(STATUS_CHANGED, "drop");

        assertThat(filter.apply(sinkRecord(update("new", "paid")))).isNull();
        SinkRecord unchanged = sinkRecord(update("paid", "paid"));
        assertThat(filter.apply(unchanged)).isSameAs(unchanged);
    }

    @Test
    void seesDatabaseTableAndAMissingOldImageAsNullColumns() {
        assertThat(RowFilterTest.<SourceRecord>filter("database == 'shop' && table =~ 'order_\\\\d+' && old.status == null", "keep")
                .apply(sourceRecord(insert("new")))).isNotNull();
        assertThat(RowFilterTest.<SourceRecord>filter("data.status =~ ['paid', 'shipped']", "keep").apply(sourceRecord(insert("new")))).isNull();
    }

    @Test
    void comparesNumericColumnTextAsNumbers() {
        Map<String, Object> record = insert("new");
        assertThat(RowFilterTest.<SourceRecord>filter("data.id > 5 && data.id < 10", "keep").apply(sourceRecord(record))).isNotNull();
        assertThat(RowFilterTest.<SourceRecord>filter("data.id > 10", "keep").apply(sourceRecord(record))).isNull();
    }

    @Test
    void rejectsASyntaxErrorAtValidationWithItsPosition() {
        ConfigValue expression = validate("type == 'UPDATE' && (data.status != ");

        assertThat(expression.errorMessages()).singleElement().asString()
                .contains("line 1, column").contains("syntax error");
    }

    @Test
    void rejectsMethodCallsAndSideEffectsAtValidation() {
        assertThat(validate("data.status.toUpperCase() == 'PAID'").errorMessages()).singleElement().asString()
                .contains("not allowed in a row filter").contains("column");
        assertThat(validate("data.status = 'paid'").errorMessages()).singleElement().asString()
                .contains("not allowed in a row filter");
        assertThat(validate("new('java.io.File', '/tmp') != null").errorMessages()).isNotEmpty();
    }

    @Test
    void rejectsUnknownVariablesAtValidation() {
        assertThat(validate("dta.status == 'paid'").errorMessages()).singleElement().asString()
                .contains("unknown variable(s) [dta]");
    }

    @Test
    void configureRefusesAnInvalidExpressionToo() {
        assertThatThrownBy(() -> filter("type ==", "keep")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expression");
    }

    @Test
    void aNonBooleanResultFailsTheRecordNamingTheExpression() {
        RowFilter<SinkRecord> filter = filter("data.status", "keep");

        assertThatThrownBy(() -> filter.apply(sinkRecord(insert("new"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic " + CanalRecords.TOPIC + " partition 0 offset 42")
                .hasMessageContaining("must yield true or false");
    }

    @Test
    void aValueThatIsNotACanalRecordIsAClearError() {
        RowFilter<SourceRecord> filter = filter(STATUS_CHANGED, "keep");
        SourceRecord struct = new SourceRecord(Map.of(), Map.of(), "t", null, null, null, null, List.of(1), 1L);

        assertThatThrownBy(() -> filter.apply(struct)).isInstanceOf(DataException.class)
                .hasMessageContaining("not a Canal record").hasMessageContaining("StringConverter");
    }

    @Test
    void tombstonesPassUnchanged() {
        SourceRecord tombstone = new SourceRecord(Map.of(), Map.of(), "t", null, null, Map.of("id", 7), null, null, 1L);

        assertThat(RowFilterTest.<SourceRecord>filter(STATUS_CHANGED, "keep").apply(tombstone)).isSameAs(tombstone);
    }

    private static <R extends org.apache.kafka.connect.connector.ConnectRecord<R>> RowFilter<R> filter(
            String expression, String onMatch) {
        RowFilter<R> filter = new RowFilter<>();
        filter.configure(Map.of(RowFilter.EXPRESSION_CONFIG, expression, RowFilter.ON_MATCH_CONFIG, onMatch));
        return filter;
    }

    private static ConfigValue validate(String expression) {
        return RowFilter.CONFIG_DEF.validate(Map.of(RowFilter.EXPRESSION_CONFIG, expression)).stream()
                .filter(value -> value.name().equals(RowFilter.EXPRESSION_CONFIG)).findFirst().orElseThrow();
    }
}
