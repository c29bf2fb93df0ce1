package dev.binlogfc.etl.columns;

import static dev.binlogfc.etl.record.CanalRecords.parse;
import static dev.binlogfc.etl.record.CanalRecords.sinkRecord;
import static dev.binlogfc.etl.record.CanalRecords.sourceRecord;
import static dev.binlogfc.etl.record.CanalRecords.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RenameColumnsTest {

    @Test
    void renamesEverywhereInTheStringForm() {
        RenameColumns<SinkRecord> rename = rename(Map.of("renames", "id:order_id, phone:mobile"));

        Map<String, Object> value = parse(rename.apply(sinkRecord(update("new", "paid"))).value());

        assertThat(value.get("data").toString()).isEqualTo("[{order_id=7, status=paid, mobile=13800001234}]");
        assertThat(value.get("old").toString()).isEqualTo("[{order_id=7, status=new, mobile=13800001234}]");
        assertThat(value.get("sqlType").toString()).isEqualTo("{order_id=3, status=253, mobile=254}");
        assertThat(value.get("mysqlType").toString()).isEqualTo("{order_id=int, status=varchar, mobile=char}");
        assertThat(value.get("pkNames").toString()).isEqualTo("[order_id]");
    }

    @Test
    void renamingOntoAnExistingColumnFailsTheRecordInTheMapForm() {
        RenameColumns<SourceRecord> rename = rename(Map.of("renames", "status:phone"));

        assertThatThrownBy(() -> rename.apply(sourceRecord(update("new", "paid"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic binlogfc.shop.order_1")
                .hasMessageContaining("already has a column 'phone'");
    }

    @Test
    void malformedOrChainedRenamesAreRejectedAtValidation() {
        assertThat(error("status")).contains("not a from:to pair");
        assertThat(error("a:x,b:x")).contains("two columns are renamed to 'x'");
        assertThat(error("a:b,b:c")).contains("both renamed and a rename target");
    }

    private static String error(String renames) {
        return RenameColumns.CONFIG_DEF.validate(Map.of("renames", renames)).stream()
                .filter(v -> v.name().equals("renames")).findFirst().orElseThrow().errorMessages().toString();
    }

    private static <R extends org.apache.kafka.connect.connector.ConnectRecord<R>> RenameColumns<R> rename(
            Map<String, String> config) {
        RenameColumns<R> rename = new RenameColumns<>();
        rename.configure(config);
        return rename;
    }
}
