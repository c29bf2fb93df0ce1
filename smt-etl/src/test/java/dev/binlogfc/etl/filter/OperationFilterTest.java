package dev.binlogfc.etl.filter;

import static dev.binlogfc.etl.record.CanalRecords.ddl;
import static dev.binlogfc.etl.record.CanalRecords.insert;
import static dev.binlogfc.etl.record.CanalRecords.sinkRecord;
import static dev.binlogfc.etl.record.CanalRecords.sourceRecord;
import static dev.binlogfc.etl.record.CanalRecords.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.teststack.logging.LogCapture;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.logging.log4j.Level;
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
    void theUpperCaseTypesOfEarlierVersionsStillDropWithADeprecationWarning() {
        OperationFilter<SourceRecord> filter = new OperationFilter<>();
        try (LogCapture log = new LogCapture(Map.of(EnumChoice.class.getName(), Level.WARN))) {
            filter.configure(Map.of(OperationFilter.DROP_TYPES_CONFIG, "INSERT"));

            assertThat(log.linesOf(EnumChoice.class.getName())).singleElement().asString()
                    .contains("drop.types=INSERT", "drop.types=insert");
        }
        assertThat(filter.apply(sourceRecord(insert("new")))).isNull();
        SourceRecord ddl = sourceRecord(ddl());
        assertThat(filter.apply(ddl)).isSameAs(ddl);
    }

    @Test
    void rejectsUnknownTypesAtValidation() {
        assertThat(OperationFilter.CONFIG_DEF.validate(Map.of(OperationFilter.DROP_TYPES_CONFIG, "ddl,truncate"))
                .stream().filter(v -> v.name().equals(OperationFilter.DROP_TYPES_CONFIG)).findFirst().orElseThrow()
                .errorMessages()).singleElement().asString()
                .contains("truncate", "init, insert, update, delete, ddl");
        assertThat(OperationFilter.CONFIG_DEF.validate(Map.of(OperationFilter.DROP_TYPES_CONFIG, ""))
                .stream().filter(v -> v.name().equals(OperationFilter.DROP_TYPES_CONFIG)).findFirst().orElseThrow()
                .errorMessages()).singleElement().asString().contains("at least one");
    }
}
