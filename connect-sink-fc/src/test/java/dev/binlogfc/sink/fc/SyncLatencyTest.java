package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.START;
import static dev.binlogfc.sink.fc.SinkTaskHarness.TIMEOUT;
import static dev.binlogfc.sink.fc.SinkTaskHarness.partition;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * sync-latency-ms with Debezium's heartbeats among the sink's topics: near the heartbeat interval while the database
 * is idle, rising at once while a record waits on a stalled function, and the heartbeats never reach the function.
 */
class SyncLatencyTest extends AgainstLocalEndpoint {

    private static final String HEARTBEAT_TOPIC = "__debezium-heartbeat.binlogfc";
    private static final TopicPartition HEARTBEATS = new TopicPartition(HEARTBEAT_TOPIC, 0);
    /** The latency alert's threshold in monitoring/prometheus-rules.yaml. */
    private static final long ALERT_THRESHOLD_MS = 30_000;
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    @BeforeEach
    void startSink() {
        sink = SinkTaskHarness.start(fc, "http.response.timeout.ms", "600000");
    }

    @Test
    void staysNearTheHeartbeatIntervalOnAnIdleDatabase() {
        long offset = 0;
        for (int beat = 0; beat < 6; beat++) {
            // Debezium emitted the heartbeat 200 ms before the sink reads it; the next one is an interval later.
            sink.task.put(List.of(heartbeat(offset++, sink.clock.millis() - 200)));
            assertThat(sink.context.metric("sync-latency-ms")).isEqualTo(200);
            sink.clock.advance(HEARTBEAT_INTERVAL);
            assertThat(sink.context.metric("sync-latency-ms")).isEqualTo(HEARTBEAT_INTERVAL.toMillis() + 200);
        }

        assertThat(fc.receivedBatches()).isEmpty();
        assertThat(sink.committable(HEARTBEATS)).containsEntry(HEARTBEATS,
            new OffsetAndMetadata(offset));
    }

    @Test
    void heartbeatsInJsonTextAsByteArrayConverterHandsThemOverAreMarkersToo() {
        long emitted = sink.clock.millis() - 300;
        String withSchema = "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"ts_ms\":" + emitted + "}}";

        sink.task.put(List.of(new SinkRecord(HEARTBEAT_TOPIC, 0, null, null, null,
            withSchema.getBytes(StandardCharsets.UTF_8), 0)));

        assertThat(sink.context.metric("sync-latency-ms")).isEqualTo(300);
    }

    @Test
    void risesAtOnceWhenTheFunctionStallsAndHeartbeatsGoOn() throws Exception {
        sink.task.put(List.of(heartbeat(0, sink.clock.millis())));
        fc.faults().delayResponses(Duration.ofSeconds(120));
        long changedAt = sink.clock.millis() - 100;

        sink.task.put(List.of(rowAt(0, 0, changedAt)));
        SinkTaskHarness.await(() -> fc.highestConcurrency() == 1, "the function to hold the batch");
        for (int beat = 1; beat <= 4; beat++) {
            sink.clock.advance(HEARTBEAT_INTERVAL);
            // A heartbeat does not vouch for the record that waits: the latency counts from that record's es.
            sink.task.put(List.of(heartbeat(beat, sink.clock.millis())));
            assertThat(sink.context.metric("sync-latency-ms")).isEqualTo(sink.clock.millis() - changedAt);
        }

        assertThat(sink.context.metric("undelivered-records")).isEqualTo(1);
        assertThat(sink.context.metric("sync-latency-ms")).isGreaterThan(ALERT_THRESHOLD_MS);
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void aRecordOvertakenByAHeartbeatShowsItsOwnDelayOnceDelivered() throws Exception {
        sink.task.put(List.of(heartbeat(0, sink.clock.millis())));
        long lateChange = sink.clock.millis() - 5_000;

        sink.task.put(List.of(rowAt(1, 0, lateChange)));
        fc.awaitRecords(1, TIMEOUT);
        sink.awaitCommittable(partition(1), 1);

        assertThat(sink.context.metric("sync-latency-ms")).isEqualTo(5_000);
        assertThat(sink.context.metric("undelivered-records")).isZero();
    }

    private static SinkRecord heartbeat(long offset, long emittedAt) {
        return new SinkRecord(HEARTBEAT_TOPIC, 0, null, Map.of("serverName", "binlogfc"), null,
            Map.of("ts_ms", emittedAt), offset);
    }

    private static SinkRecord rowAt(int partition, long offset, long es) {
        SinkRecord row = SinkTaskHarness.row(partition, offset);
        @SuppressWarnings("unchecked")
        Map<String, Object> value = new LinkedHashMap<>((Map<String, Object>) row.value());
        value.put("es", es);
        return row.newRecord(row.topic(), row.kafkaPartition(), row.keySchema(), row.key(), null, value,
            row.timestamp());
    }
}
