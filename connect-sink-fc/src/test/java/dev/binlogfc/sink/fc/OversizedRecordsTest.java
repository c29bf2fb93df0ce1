package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.TIMEOUT;
import static dev.binlogfc.sink.fc.SinkTaskHarness.TOPIC;
import static dev.binlogfc.sink.fc.SinkTaskHarness.partition;
import static dev.binlogfc.sink.fc.SinkTaskHarness.row;
import static dev.binlogfc.sink.fc.SinkTaskHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records too large for a batch, and batches the function finds too large. */
class OversizedRecordsTest {

    private FcLocalEndpoint fc;
    private SinkTaskHarness sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        fc.close();
    }

    private void startEndpoint(int maxBodyBytes) throws IOException {
        fc = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").maxBodyBytes(maxBodyBytes).start();
    }

    private List<Long> receivedOffsets() {
        return fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asLong() % 1_000_000).toList();
    }

    private static SinkRecord oversized(int partition, long offset) {
        return new SinkRecord(TOPIC, partition, null, Map.of("order_id", offset), null,
            Map.of("database", "demo", "table", "orders", "data", "x".repeat(3000)), offset);
    }

    @Test
    void sendsOnlyTheOversizedRecordToTheDeadLetterQueueAndDeliversItsBatchMates() throws Exception {
        startEndpoint(32 * 1024 * 1024);
        sink = SinkTaskHarness.startWithDeadLetterQueue(fc, "batch.max.bytes", "2048");

        sink.task.put(List.of(row(0, 0), row(0, 1), oversized(0, 2), row(0, 3), row(0, 4)));

        fc.awaitRecords(4, TIMEOUT);
        assertThat(receivedOffsets()).containsExactly(0L, 1L, 3L, 4L);
        assertThat(fc.receivedBatches()).as("the bad record did not split the batch").hasSize(1);
        assertThat(sink.context.deadLetters).extracting(SinkRecord::kafkaOffset).containsExactly(2L);
        sink.awaitCommittable(partition(0), 5);
        assertThat(sink.context.metric("dead-letter-queue-records-total")).isEqualTo(1);
    }

    @Test
    void halvesABatchTheFunctionRejectsAsTooLargeUntilItPasses() throws Exception {
        startEndpoint(1000);
        sink = SinkTaskHarness.start(fc, "batch.max.records", "40");

        sink.task.put(rows(0, 0, 39));

        fc.awaitRecords(40, TIMEOUT);
        assertThat(receivedOffsets()).containsExactlyElementsOf(LongStream.range(0, 40).boxed().toList());
        assertThat(fc.receivedBatches()).allSatisfy(batch ->
            assertThat(batch.body().toString().length()).isLessThanOrEqualTo(1000));
        assertThat(sink.context.metric("retries-total", "cause", "too-large")).isGreaterThanOrEqualTo(2);
        sink.awaitCommittable(partition(0), 40);
        sink.assertStillRunning();
    }

    @Test
    void failsNamingTheRecordWhenTheFunctionRejectsASingleRecordAsTooLarge() throws Exception {
        startEndpoint(100);
        sink = SinkTaskHarness.start(fc);

        sink.task.put(List.of(row(0, 0), row(0, 1)));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("EntityTooLarge")
            .hasMessageContaining("a batch holding only Record demo.orders/0/0 (table demo.orders, key"
                + " {order_id=0}")
            .hasMessageContaining("lower batch.max.bytes");
        assertThat(sink.committable(partition(0))).isEmpty();
    }
}
