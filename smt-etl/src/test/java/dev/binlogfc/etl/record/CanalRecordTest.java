package dev.binlogfc.etl.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CanalRecordTest {

    @Test
    void removingAColumnRemovesItFromEveryColumnKeyedPart() {
        CanalRecord record = CanalRecord.of(CanalRecords.update("new", "paid")).editableCopy();

        record.removeColumn("id");

        assertThat(record.data()).containsOnlyKeys("status", "phone");
        assertThat(record.old()).containsOnlyKeys("status", "phone");
        assertThat(part(record, "sqlType")).containsOnlyKeys("status", "phone");
        assertThat(part(record, "mysqlType")).containsOnlyKeys("status", "phone");
        assertThat(record.fields().get("pkNames")).asList().isEmpty();
    }

    @Test
    void renamingKeepsThePositionEverywhere() {
        CanalRecord record = CanalRecord.of(CanalRecords.update("new", "paid")).editableCopy();

        record.renameColumn("status", "state");

        assertThat(record.data().keySet()).containsExactly("id", "state", "phone");
        assertThat(record.old().keySet()).containsExactly("id", "state", "phone");
        assertThat(part(record, "sqlType").keySet()).containsExactly("id", "state", "phone");
        assertThat(part(record, "mysqlType").keySet()).containsExactly("id", "state", "phone");
        assertThat(record.data()).containsEntry("state", "paid");
    }

    @Test
    void renamingAPrimaryKeyColumnRenamesItInPkNames() {
        CanalRecord record = CanalRecord.of(CanalRecords.insert("new")).editableCopy();

        record.renameColumn("id", "order_id");

        assertThat(record.fields().get("pkNames")).asList().containsExactly("order_id");
    }

    @Test
    void renamingOntoAnExistingColumnIsRefused() {
        CanalRecord record = CanalRecord.of(CanalRecords.insert("new")).editableCopy();

        assertThatThrownBy(() -> record.renameColumn("status", "phone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a column 'phone'");
    }

    @Test
    void editsOfACopyLeaveTheOriginalAsItWas() {
        Map<String, Object> original = CanalRecords.update("new", "paid");
        String before = CanalRecords.json(original);

        CanalRecord copy = CanalRecord.of(original).editableCopy();
        copy.removeColumn("phone");
        copy.renameColumn("status", "state");
        copy.replaceValues("id", value -> "x");
        copy.setTable("order");

        assertThat(CanalRecords.json(original)).isEqualTo(before);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(CanalRecord record, String field) {
        return (Map<String, Object>) record.fields().get(field);
    }

    @Test
    void aMalformedRowImageIsNamed() {
        Map<String, Object> fields = CanalRecords.insert("new");
        fields.put("data", Map.of("id", "7"));

        assertThatThrownBy(() -> CanalRecord.of(fields).data())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'data' must be a list");
    }
}
