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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "''.class == null | 1, 1 | reads a property of ''",
        "type == 'INSERT' && database.bytes.length > 3 | 1, 21 | reads a property of 'database'",
        "data.status.length == 3 | 1, 1 | reads a property of a column value",
        "data['a']['b'] == 1 | 1, 1 | reads a property of a column value",
        "(data).status == 'x' | 1, 2 | reads a property of '(data)'",
        "type == 'INSERT' &&\\n  table.empty | 2, 3 | reads a property of 'table'",
    })
    void rejectsPropertiesOfAnythingButTheRowImagesWithTheirPosition(String expression, String position, String reason) {
        assertThat(validate(expression.replace("\\n", "\n")).errorMessages()).singleElement().asString()
                .contains("line " + position.replace(", ", ", column ")).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data.status", "type", "data.a || data.b", "isDdl ? 1 : 0", "size(data.a)"})
    void rejectsExpressionsThatAreNotConditions(String expression) {
        assertThat(validate(expression).errorMessages()).singleElement().asString()
                .contains("line 1, column").contains("must be a condition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data.a > 'abc' * 2", "data.a == 'x' || -'b' == 1", "data.a == 1 && 'x' - 1 == data.b"})
    void rejectsPartsThatFailForEveryRecord(String expression) {
        assertThat(validate(expression).errorMessages()).singleElement().asString()
                .contains("line 1, column").contains("fails for every record");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data['status'] == 'new' && old.status == null", "isDdl || !(data.id > 1 + 2)",
        "empty(data.note) ? type == 'INSERT' : data.note =^ 'x'", "data[table] == null", "1 / 2 < data.id"})
    void acceptsColumnsOfTheRowImagesAndConditions(String expression) {
        assertThat(validate(expression).errorMessages()).isEmpty();
    }

    /** Found by RowExpressionValidationPropertyTest: a string negated whatever the columns hold. */
    @Test
    void rejectsWhatFailsOnARecordWithoutColumnValues() {
        assertThat(validate("-((data.status + 'paid') + table) =^ data.status").errorMessages()).singleElement()
                .asString().contains("line 1, column").contains("record without column values");
    }

    @Test
    void rejectsARegularExpressionThatDoesNotCompile() {
        assertThat(validate("type == 'INSERT' && data.a =~ 'x[0-'").errorMessages()).singleElement().asString()
                .contains("line 1, column 31").contains("is not a regular expression");
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
    void aColumnValueTheExpressionCannotUseFailsTheRecordNamingTheExpression() {
        RowFilter<SinkRecord> filter = filter("data.status * 2 > 1", "keep");

        assertThatThrownBy(() -> filter.apply(sinkRecord(insert("new"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic " + CanalRecords.TOPIC + " partition 0 offset 42")
                .hasMessageContaining("'data.status * 2 > 1' failed");
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
