package dev.binlogfc.sink.fc.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DELIVERY_START = 1_767_225_600_000L;
    private static final RecordPreparer PREPARER = new RecordPreparer(JSON, 10_000);
    private static final BatchBuilder BUILDER = new BatchBuilder();

    private static PendingRecord prepared(long offset, Object value) {
        return PREPARER.prepare(new SinkRecord("topic", 0, null, null, null, value, offset), 1L, 0);
    }

    private static PendingRecord row(long offset, String type) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", offset);
        value.put("ts", 1L);
        value.put("type", type);
        return prepared(offset, value);
    }

    private static PendingRecord row(long offset) {
        return row(offset, "INSERT");
    }

    /** Builds batches from the head of the queue until it is empty, as a partition's lane does. */
    private static List<Batch> drain(List<PendingRecord> records, BatchLimits limits) {
        Deque<PendingRecord> queue = new ArrayDeque<>(records);
        List<Batch> batches = new ArrayList<>();
        while (!queue.isEmpty()) {
            Batch batch = BUILDER.build(queue, limits, DELIVERY_START);
            batch.covered().forEach(unused -> queue.removeFirst());
            batches.add(batch);
        }
        return batches;
    }

    @Test
    void writesRowsUnderRecordsWithTsSetToTheDeliveryStart() {
        Batch batch = BUILDER.build(List.of(row(0), row(1)), new BatchLimits(10, 10_000), DELIVERY_START);

        assertThat(new String(batch.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Records\":["
            + "{\"id\":0,\"ts\":" + DELIVERY_START + ",\"type\":\"INSERT\"},"
            + "{\"id\":1,\"ts\":" + DELIVERY_START + ",\"type\":\"INSERT\"}]}");
        assertThat(batch.payloadCount()).isEqualTo(2);
        assertThat(batch.lastOffset()).isEqualTo(1);
    }

    @Test
    void cutsBatchesAtBatchMaxRecords() {
        List<PendingRecord> records = IntStream.range(0, 5).mapToObj(BatchBuilderTest::row).toList();

        List<Batch> batches = drain(records, new BatchLimits(2, 10_000));

        assertThat(batches).extracting(Batch::payloadCount).containsExactly(2, 2, 1);
        assertThat(batches).flatExtracting(Batch::covered).containsExactlyElementsOf(records);
    }

    @Test
    void cutsBatchesAtBatchMaxBytesAndAllowsExactlyTheLimit() {
        List<PendingRecord> records = IntStream.range(0, 4).mapToObj(BatchBuilderTest::row).toList();
        int twoRecordBody = BUILDER.build(records.subList(0, 2), new BatchLimits(10, 10_000), DELIVERY_START)
            .body().length;

        List<Batch> batches = drain(records, new BatchLimits(10, twoRecordBody));

        assertThat(batches).extracting(Batch::payloadCount).containsExactly(2, 2);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.body()).hasSize(twoRecordBody));
        assertThat(drain(records, new BatchLimits(10, twoRecordBody - 1))).extracting(Batch::payloadCount)
            .containsExactly(1, 1, 1, 1);
    }

    @Test
    void coversRecordsWithoutRowButLeavesThemOutOfTheBody() {
        List<PendingRecord> records = List.of(row(1), prepared(2, null), row(3), prepared(4, null));

        Batch batch = BUILDER.build(records, new BatchLimits(10, 10_000), DELIVERY_START);

        assertThat(batch.covered()).containsExactlyElementsOf(records);
        assertThat(batch.payloadCount()).isEqualTo(2);
        assertThat(new String(batch.body(), StandardCharsets.UTF_8)).doesNotContain("null");
        assertThat(batch.lastOffset()).isEqualTo(4);
    }

    @Test
    void countsFullCopyAndIncrementalRowsAndBytesApartForThrottling() {
        Batch batch = BUILDER.build(List.of(row(0, "INIT"), row(1, "INIT"), row(2, "UPDATE")),
            new BatchLimits(10, 10_000), DELIVERY_START);

        assertThat(batch.cost().initRecords()).isEqualTo(2);
        assertThat(batch.cost().incrementalRecords()).isEqualTo(1);
        assertThat(batch.cost().initBytes() + batch.cost().incrementalBytes() + 2 + "{\"Records\":[]}".length())
            .as("row bytes plus separators and wrapper make the body").isEqualTo(batch.body().length);
    }
}
