package dev.binlogfc.etl.filter;

import static dev.binlogfc.etl.record.CanalRecords.ddl;
import static dev.binlogfc.etl.record.CanalRecords.insert;
import static dev.binlogfc.etl.record.CanalRecords.sinkRecord;
import static dev.binlogfc.etl.record.CanalRecords.sourceRecord;
import static dev.binlogfc.etl.record.CanalRecords.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class OperationFilterTest {

    @Test
    void dropsDdlByDefaultInTheMapForm() {
        OperationFilter<SourceRecord> filter = new OperationFilter<>();
        filter.configure(Map.of());

        assertThat(filter.apply(sourceRecord(ddl()))).isNull();
        SourceRecord insert = sourceRecord(insert("new"));
        assertThat(filter.apply(insert)).isSameAs(insert);
    }

    @Test
    void dropsChosenDmlTypesInTheStringForm() {
        OperationFilter<SinkRecord> filter = new OperationFilter<>();
        filter.configure(Map.of(OperationFilter.DROP_TYPES_CONFIG, "delete, update"));

        assertThat(filter.apply(sinkRecord(update("new", "paid")))).isNull();
        SinkRecord ddl = sinkRecord(ddl());
        assertThat(filter.apply(ddl)).isSameAs(ddl);
    }

    @Test
    void rejectsUnknownTypesAtValidation() {
        assertThat(OperationFilter.CONFIG_DEF.validate(Map.of(OperationFilter.DROP_TYPES_CONFIG, "DDL,TRUNCATE"))
                .stream().filter(v -> v.name().equals(OperationFilter.DROP_TYPES_CONFIG)).findFirst().orElseThrow()
                .errorMessages()).singleElement().asString().contains("'TRUNCATE' is not a Canal record type");
        assertThat(OperationFilter.CONFIG_DEF.validate(Map.of(OperationFilter.DROP_TYPES_CONFIG, ""))
                .stream().filter(v -> v.name().equals(OperationFilter.DROP_TYPES_CONFIG)).findFirst().orElseThrow()
                .errorMessages()).singleElement().asString().contains("at least one");
    }
}
