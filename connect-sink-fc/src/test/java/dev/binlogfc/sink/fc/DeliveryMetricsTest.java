package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.SOURCE_TIME;
import static dev.binlogfc.sink.fc.SinkTaskHarness.START;
import static dev.binlogfc.sink.fc.SinkTaskHarness.TIMEOUT;
import static dev.binlogfc.sink.fc.SinkTaskHarness.partition;
import static dev.binlogfc.sink.fc.SinkTaskHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task's plugin metrics, read from Kafka's metrics registry as JMX would show them. */
class DeliveryMetricsTest extends AgainstLocalEndpoint {

    @BeforeEach
    void startSink() {
        sink = SinkTaskHarness.start(fc, "batch.max.records", "4");
    }

    @Test
    void countsRecordsBatchesAndBytesDelivered() throws Exception {
        sink.task.put(rows(0, 0, 9));
        fc.awaitRecords(10, TIMEOUT);
        sink.awaitCommittable(partition(0), 10);

        long bodyBytes = fc.receivedBatches().stream().mapToLong(batch -> batch.body().toString().length()).sum();
        assertThat(sink.context.metric("records-delivered-total")).isEqualTo(10);
        assertThat(sink.context.metric("batches-delivered-total")).isEqualTo(3);
        assertThat(sink.context.metric("bytes-delivered-total")).isEqualTo(bodyBytes);
        assertThat(sink.context.metric("records-delivered-rate")).isPositive();
        assertThat(sink.context.metric("dead-letter-queue-records-total")).isZero();
    }

    @Test
    void measuresInvocationLatency() throws Exception {
        fc.faults().delayResponses(Duration.ofMillis(100));

        sink.task.put(rows(0, 0, 7));
        fc.awaitRecords(8, TIMEOUT);
        sink.awaitCommittable(partition(0), 8);

        assertThat(sink.context.metric("invocation-latency-avg-ms")).isBetween(100.0, 1000.0);
        assertThat(sink.context.metric("invocation-latency-max-ms")).isBetween(100.0, 1000.0);
        assertThat(sink.context.metric("invocation-latency-p99-ms")).isBetween(90.0, 1000.0);
    }

    @Test
    void countsRetriesByCause() throws Exception {
        fc.faults().failNext(2, 502);
        sink.task.put(rows(0, 0, 0));
        fc.awaitRecords(1, TIMEOUT);
        fc.faults().failNext(1, 429);
        sink.task.put(rows(0, 1, 1));
        fc.awaitRecords(2, TIMEOUT);

        assertThat(sink.context.metric("retries-total", "cause", "connection")).isEqualTo(2);
        assertThat(sink.context.metric("retries-total", "cause", "throttled")).isEqualTo(1);
        assertThat(sink.context.metric("retries-total", "cause", "function-error")).isZero();
    }

    @Test
    void reportsTheSyncLatencyOfTheLastDeliveredRecord() throws Exception {
        assertThat(sink.context.metric("sync-latency-ms")).isNaN();

        sink.task.put(rows(0, 0, 0));
        fc.awaitRecords(1, TIMEOUT);
        sink.awaitCommittable(partition(0), 1);

        assertThat(sink.context.metric("sync-latency-ms")).isEqualTo(START.toEpochMilli() - SOURCE_TIME);
        sink.clock.advance(Duration.ofSeconds(3));
        assertThat(sink.context.metric("sync-latency-ms")).isEqualTo(START.toEpochMilli() + 3000 - SOURCE_TIME);
    }
}
