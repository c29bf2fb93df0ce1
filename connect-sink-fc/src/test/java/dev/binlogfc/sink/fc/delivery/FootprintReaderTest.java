package dev.binlogfc.sink.fc.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.sink.fc.batch.RecordPreparer;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FootprintReaderTest {

    private final RecordPreparer preparer = new RecordPreparer(new ObjectMapper(), 1024 * 1024);
    private final FootprintReader reader = new FootprintReader();

    private RecordFootprint read(Object key, String json) {
        return reader.read(preparer.prepare(new SinkRecord("t", 0, null, key, null, json, 0), 0, 0));
    }

    @Test
    void aMultiRowChangeHoldsTheKeyOfEachRowAndAKeyChangeBothKeys() {
        RecordFootprint footprint = read(null, "{\"database\":\"shop\",\"table\":\"orders\",\"pkNames\":[\"a\",\"b\"],"
            + "\"isDdl\":false,\"type\":\"UPDATE\",\"data\":[{\"a\":\"1\",\"b\":\"x\",\"n\":\"5\"},"
            + "{\"a\":\"2\",\"b\":\"y\"}],\"old\":[{\"n\":\"4\"},{\"a\":\"3\"}]}");

        assertThat(footprint.scope()).isEqualTo(RecordFootprint.Scope.KEYS);
        assertThat(footprint.table()).isEqualTo("shop.orders");
        assertThat(footprint.keys()).containsExactlyInAnyOrder("shop.orders/1:11:x", "shop.orders/1:21:y",
            "shop.orders/1:31:y");
    }

    @Test
    void keyColumnsAreFoundWhenDataComesBeforePkNames() {
        RecordFootprint footprint = read(null, "{\"database\":\"shop\",\"table\":\"orders\","
            + "\"data\":[{\"id\":\"7\",\"note\":\"n\"}],\"pkNames\":[\"id\"],\"type\":\"INSERT\"}");

        assertThat(footprint.keys()).containsExactly("shop.orders/1:7");
    }

    @Test
    void aRowWithoutPrimaryKeyFallsBackToTheRecordKeyOrHoldsItsTable() {
        String keyless = "{\"database\":\"shop\",\"table\":\"log\",\"pkNames\":[],\"type\":\"INSERT\","
            + "\"data\":[{\"line\":\"x\"}]}";

        assertThat(read("k-1", keyless).keys()).containsExactly("shop.log/record key k-1");
        assertThat(read(null, keyless)).isEqualTo(RecordFootprint.table("shop.log"));
    }

    @Test
    void aDdlHoldsItsTableAndOneNamingNoTableThePartition() {
        assertThat(read(null, "{\"database\":\"shop\",\"table\":\"orders\",\"isDdl\":true,\"type\":\"ALTER\"}"))
            .isEqualTo(RecordFootprint.table("shop.orders"));
        assertThat(read(null, "{\"database\":\"shop\",\"table\":\"\",\"isDdl\":true,\"type\":\"QUERY\"}"))
            .isEqualTo(RecordFootprint.partition());
    }
}
