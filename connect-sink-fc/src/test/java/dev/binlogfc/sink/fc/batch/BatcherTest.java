package dev.binlogfc.sink.fc.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DELIVERY_START = 1_767_225_600_000L;

    private static SinkRecord record(long offset, Object value) {
        return new SinkRecord("topic", 0, null, null, null, value, offset);
    }

    private static SinkRecord row(long offset) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", offset);
        value.put("ts", 1L);
        value.put("table", "orders");
        return record(offset, value);
    }

    private static List<Batch> drain(Batcher batcher) {
        List<Batch> batches = new ArrayList<>();
        while (batcher.hasNext()) {
            batches.add(batcher.next(DELIVERY_START));
        }
        return batches;
    }

    private static JsonNode parse(Batch batch) throws Exception {
        return JSON.readTree(batch.body());
    }

    @Test
    void writesRecordsUnderRecordsWithTsSetToTheDeliveryStart() throws Exception {
        SinkRecord first = row(0);

        Batch batch = new Batcher(List.of(first, row(1)), new BatchLimits(10, 10_000), JSON).next(DELIVERY_START);

        assertThat(new String(batch.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Records\":["
            + "{\"id\":0,\"ts\":" + DELIVERY_START + ",\"table\":\"orders\"},"
            + "{\"id\":1,\"ts\":" + DELIVERY_START + ",\"table\":\"orders\"}]}");
        assertThat(batch.payloadCount()).isEqualTo(2);
        assertThat(((Map<?, ?>) first.value()).get("ts")).as("the record itself is not changed").isEqualTo(1L);
    }

    @Test
    void addsTsWhenTheValueHasNone() throws Exception {
        Batch batch = new Batcher(List.of(record(0, Map.of("id", 1))), new BatchLimits(10, 10_000), JSON)
            .next(DELIVERY_START);

        assertThat(parse(batch).path("Records").get(0).path("ts").asLong()).isEqualTo(DELIVERY_START);
    }

    @Test
    void cutsBatchesAtBatchMaxRecords() {
        List<SinkRecord> records = IntStream.range(0, 5).mapToObj(BatcherTest::row).toList();

        List<Batch> batches = drain(new Batcher(records, new BatchLimits(2, 10_000), JSON));

        assertThat(batches).extracting(Batch::payloadCount).containsExactly(2, 2, 1);
        assertThat(batches).flatExtracting(Batch::records).containsExactlyElementsOf(records);
    }

    @Test
    void cutsBatchesAtBatchMaxBytesAndAllowsExactlyTheLimit() throws Exception {
        List<SinkRecord> records = IntStream.range(0, 4).mapToObj(BatcherTest::row).toList();
        int twoRecordBody = new Batcher(records.subList(0, 2), new BatchLimits(10, 10_000), JSON)
            .next(DELIVERY_START).body().length;

        List<Batch> batches = drain(new Batcher(records, new BatchLimits(10, twoRecordBody), JSON));

        assertThat(batches).extracting(Batch::payloadCount).containsExactly(2, 2);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.body()).hasSize(twoRecordBody));
        assertThat(drain(new Batcher(records, new BatchLimits(10, twoRecordBody - 1), JSON)))
            .extracting(Batch::payloadCount).containsExactly(1, 1, 1, 1);
    }

    @Test
    void rejectsARecordThatAloneExceedsBatchMaxBytes() {
        Batcher batcher = new Batcher(List.of(record(9, Map.of("data", "x".repeat(100)))), new BatchLimits(10, 100),
            JSON);

        assertThatThrownBy(() -> batcher.next(DELIVERY_START)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/9 is 130 bytes as JSON, too large for a batch of at most 100 bytes");
    }

    @Test
    void keepsTombstonesInTheBatchButOutOfTheBody() throws Exception {
        List<SinkRecord> records = List.of(record(0, null), row(1), record(2, null));

        Batch batch = new Batcher(records, new BatchLimits(10, 10_000), JSON).next(DELIVERY_START);

        assertThat(batch.records()).containsExactlyElementsOf(records);
        assertThat(batch.payloadCount()).isEqualTo(1);
        assertThat(parse(batch).path("Records")).hasSize(1);
    }

    @Test
    void tombstonesAloneNeedNoInvocation() {
        Batch batch = new Batcher(List.of(record(0, null), record(1, null)), new BatchLimits(10, 10_000), JSON)
            .next(DELIVERY_START);

        assertThat(batch.needsInvocation()).isFalse();
        assertThat(batch.records()).hasSize(2);
    }

    @Test
    void readsStringValuesHoldingJsonObjects() throws Exception {
        Batch batch = new Batcher(List.of(record(0, "{\"id\":5,\"data\":[{\"a\":null}]}")),
            new BatchLimits(10, 10_000), JSON).next(DELIVERY_START);

        assertThat(parse(batch).path("Records").get(0).toString())
            .isEqualTo("{\"id\":5,\"data\":[{\"a\":null}],\"ts\":" + DELIVERY_START + "}");
    }

    @Test
    void rejectsStringsThatAreNotJsonObjects() {
        assertThatThrownBy(() -> new Batcher(List.of(record(3, "[1,2]")), new BatchLimits(10, 10_000), JSON)
            .next(DELIVERY_START)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/3 has a String value holding JSON array, not an object");
        assertThatThrownBy(() -> new Batcher(List.of(record(4, "not json")), new BatchLimits(10, 10_000), JSON)
            .next(DELIVERY_START)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/4 has a String value that is not JSON");
    }

    @Test
    void rejectsStructsSayingHowToConfigureTheConverter() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
        SinkRecord withStruct = new SinkRecord("topic", 2, null, null, schema, new Struct(schema).put("id", 1L), 8);

        assertThatThrownBy(() -> new Batcher(List.of(withStruct), new BatchLimits(10, 10_000), JSON)
            .next(DELIVERY_START)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/2/8 has a value of type org.apache.kafka.connect.data.Struct")
            .hasMessageContaining("value.converter.schemas.enable=false");
    }
}
