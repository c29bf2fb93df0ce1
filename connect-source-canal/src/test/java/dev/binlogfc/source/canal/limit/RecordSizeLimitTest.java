package dev.binlogfc.source.canal.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordSizeLimitTest {

    private final RecordSizeLimit<SourceRecord> limit = new RecordSizeLimit<>();

    @Test
    void aRecordUpToTheLimitPassesUnchanged() {
        limit.configure(Map.of("max.bytes", "2048"));
        // 10 key bytes, 2038 value bytes: 2 of them per "é".
        SourceRecord record = record("{\"id\":42}x", "é".repeat(1000) + "y".repeat(38));

        assertThat(limit.apply(record)).isSameAs(record);
    }

    @Test
    void aLargerRecordIsADataExceptionNamingTableKeySizeAndSetting() {
        limit.configure(Map.of("max.bytes", "2048"));
        SourceRecord record = record("{\"id\":42}", "é".repeat(1020));

        assertThatThrownBy(() -> limit.apply(record)).isInstanceOf(DataException.class)
                .hasMessageContaining("table shop.demo.orders")
                .hasMessageContaining("key {\"id\":42}")
                .hasMessageContaining("is 2049 bytes, more than the 2048 bytes of transforms.<name>.max.bytes")
                .hasMessageContaining("producer.override.max.request.size");
    }

    @Test
    void mapValuesCountAsTheirJsonText() {
        limit.configure(Map.of("max.bytes", "1024"));
        SourceRecord small = record(null, Map.of("data", "z".repeat(1000)));
        SourceRecord large = record(null, Map.of("data", "z".repeat(1020)));

        assertThat(limit.apply(small)).isSameAs(small);
        assertThatThrownBy(() -> limit.apply(large)).hasMessageContaining("is 1031 bytes");
    }

    @Test
    void theDefaultLeaves16MibOfRowDataRoomForItsCanalJson() {
        assertThat(RecordSizeLimit.DEFAULT_MAX_BYTES).isEqualTo(17 * 1024 * 1024);
        assertThat(RecordSizeLimit.CONFIG_DEF.configKeys()).containsOnlyKeys("max.bytes");
    }

    private static SourceRecord record(String key, Object value) {
        return new SourceRecord(Map.of(), Map.of(), "shop.demo.orders", 0, null, key, null, value);
    }
}
