package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.START;
import static dev.binlogfc.sink.fc.SinkTaskHarness.TIMEOUT;
import static dev.binlogfc.sink.fc.SinkTaskHarness.TOPIC;
import static dev.binlogfc.sink.fc.SinkTaskHarness.partition;
import static dev.binlogfc.sink.fc.SinkTaskHarness.row;
import static dev.binlogfc.sink.fc.SinkTaskHarness.rows;
import static dev.binlogfc.sink.fc.SinkTaskHarness.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Batching, retries and failures of the task against the local FC endpoint. */
class FcSinkTaskTest extends AgainstLocalEndpoint {

    private void startTask(String... overrides) {
        sink = SinkTaskHarness.start(fc, overrides);
    }

    private List<Long> receivedIds() {
        return fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asLong()).toList();
    }

    private List<Long> receivedIds(int partition) {
        return receivedIds().stream().filter(id -> id / 1_000_000 == partition).map(id -> id % 1_000_000).toList();
    }

    @Test
    void deliversEachPartitionInOffsetOrderAsSignedBatchesOfAtMostBatchMaxRecords() throws Exception {
        startTask("batch.max.records", "3");
        List<SinkRecord> interleaved = List.of(row(0, 10), row(1, 20), row(0, 11), row(1, 21), row(0, 12),
            row(0, 13), row(1, 22));

        sink.task.put(interleaved);
        fc.awaitRecords(7, TIMEOUT);

        assertThat(fc.receivedBatches()).extracting(batch -> batch.records().size())
            .containsExactlyInAnyOrder(3, 1, 3);
        assertThat(receivedIds(0)).containsExactly(10L, 11L, 12L, 13L);
        assertThat(receivedIds(1)).containsExactly(20L, 21L, 22L);
        assertThat(fc.receivedBatches()).allSatisfy(batch -> {
            assertThat(batch.invocationType()).isEqualTo("Sync");
            // The content type Alibaba's FC SDKs declare for InvokeFunction, whatever the body holds.
            assertThat(batch.headers()).containsEntry("content-type", "application/octet-stream");
            assertThat(batch.records()).extracting(record -> record.path("id").asLong() / 1_000_000)
                .as("a batch holds one partition's records").containsOnly(batch.records().get(0)
                    .path("id").asLong() / 1_000_000);
        });
        sink.awaitCommittable(partition(0), 14);
        sink.awaitCommittable(partition(1), 23);
    }

    @Test
    void keepsEveryBatchWithinBatchMaxBytes() throws Exception {
        startTask("batch.max.bytes", "1024");

        sink.task.put(rows(0, 0, 19));
        fc.awaitRecords(20, TIMEOUT);

        assertThat(fc.receivedBatches()).hasSizeGreaterThan(1)
            .allSatisfy(batch -> assertThat(batch.body().toString().length()).isLessThanOrEqualTo(1024));
        assertThat(receivedIds(0)).containsExactlyElementsOf(LongStream.rangeClosed(0, 19).boxed().toList());
    }

    @Test
    void lingersForMoreRecordsBeforeSendingABatchThatIsNotFull() throws Exception {
        startTask("batch.linger.ms", "400", "batch.max.records", "10");
        long start = System.nanoTime();

        sink.task.put(List.of(row(0, 0)));
        sink.task.put(List.of(row(0, 1)));
        sink.task.put(List.of(row(0, 2)));
        fc.awaitRecords(3, TIMEOUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(fc.receivedBatches()).singleElement().satisfies(batch -> assertThat(batch.records()).hasSize(3));
    }

    @Test
    void aFullBatchDoesNotWaitForTheLingerTime() throws Exception {
        startTask("batch.linger.ms", "60000", "batch.max.records", "2");

        sink.task.put(rows(0, 0, 2));

        fc.awaitRecords(2, Duration.ofSeconds(5));
        assertThat(receivedIds(0)).containsExactly(0L, 1L);
    }

    @Test
    void stampsTsWithTheTimeDeliveryOfTheBatchStartedAndKeepsTheOtherFields() throws Exception {
        startTask();

        sink.task.put(rows(0, 0, 1));
        fc.awaitRecords(2, TIMEOUT);
        sink.clock.advance(Duration.ofSeconds(5));
        sink.task.put(rows(0, 2, 2));
        fc.awaitRecords(3, TIMEOUT);

        List<ReceivedBatch> batches = fc.receivedBatches();
        assertThat(batches.get(0).records()).allSatisfy(record ->
            assertThat(record.path("ts").asLong()).isEqualTo(START.toEpochMilli()));
        assertThat(batches.get(1).records()).singleElement().satisfies(record -> {
            assertThat(record.path("ts").asLong()).isEqualTo(START.plusSeconds(5).toEpochMilli());
            assertThat(record.path("es").asLong()).isEqualTo(SinkTaskHarness.SOURCE_TIME);
            assertThat(fieldNames(record)).containsExactly("id", "database", "table", "type", "es", "ts", "data");
        });
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void acceptsStringValuesHoldingJsonObjects() throws Exception {
        startTask();

        sink.task.put(List.of(new SinkRecord(TOPIC, 0, null, null, null, "{\"id\":7,\"ts\":1}", 0)));

        assertThat(fc.awaitRecords(1, TIMEOUT)).singleElement().satisfies(batch ->
            assertThat(batch.records().get(0).path("ts").asLong()).isEqualTo(START.toEpochMilli()));
    }

    @Test
    void sendsTheSecurityTokenAndInvocationType() throws Exception {
        try (FcLocalEndpoint sts = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("STS.key", "sts-secret").securityToken("sts-token").start()) {
            startTask("fc.endpoint", sts.url(), "fc.access.key.id", "STS.key", "fc.access.key.secret", "sts-secret",
                "fc.security.token", "sts-token", "fc.invocation.type", "async", "batch.max.bytes", "131072");

            sink.task.put(rows(0, 0, 1));

            assertThat(sts.awaitRecords(2, TIMEOUT)).singleElement()
                .satisfies(batch -> assertThat(batch.invocationType()).isEqualTo("Async"));
        }
    }

    @Test
    void retriesInjected503sInTheBackgroundAndDeliversEveryRecordOnceInOrder() throws Exception {
        startTask("batch.max.records", "2");
        fc.faults().failNext(2, 503);

        sink.task.put(rows(0, 0, 3));
        fc.awaitRecords(4, TIMEOUT);

        assertThat(receivedIds(0)).containsExactly(0L, 1L, 2L, 3L);
        sink.awaitCommittable(partition(0), 4);
        assertThat(sink.context.metric("retries-total", "cause", "connection")).isEqualTo(2);
        assertThat(sink.context.timeouts).as("put never waits for a retry").isEmpty();
    }

    /**
     * Bug: records Connect consumed and never handed to put (a converter or transform error it tolerated, a record a
     * transform dropped) after a partition's last delivered record stayed uncommitted until a later record was
     * delivered; at the end of a topic they were read again after every restart, and dead-lettered again.
     */
    @Test
    void commitsPastRecordsConnectNeverHandedOverOnceEverythingHandedOverIsDone() throws Exception {
        startTask();
        sink.task.put(rows(0, 0, 2));
        sink.awaitCommittable(partition(0), 3);

        sink.consumed(partition(0), 10);

        assertThat(sink.committable(partition(0))).containsExactly(Map.entry(partition(0), new OffsetAndMetadata(10)));
        fc.faults().failNext(1000, 500);
        sink.task.put(rows(0, 10, 10));
        sink.consumed(partition(0), 20);
        sink.awaitMetric("retries-total", 1, "cause", "server-error");
        assertThat(sink.committable(partition(0))).as("not past a record that is not delivered")
            .containsExactly(Map.entry(partition(0), new OffsetAndMetadata(10)));
        fc.faults().clear();
        sink.awaitCommittable(partition(0), 20);
    }

    /**
     * Bug: a partition of which Connect handed no record to put since it was assigned (every one failed conversion or
     * was dropped by a transform) was never committed, so its records were read, and dead-lettered, again after
     * every restart.
     */
    @Test
    void commitsAPartitionOfWhichConnectHandedNoRecordOver() throws Exception {
        startTask();
        sink.task.open(List.of(partition(0), partition(1), partition(2)));
        sink.task.put(rows(0, 0, 2));
        sink.awaitCommittable(partition(0), 3);

        sink.consumed(partition(1), 7);
        sink.task.close(List.of(partition(2)));
        sink.consumed(partition(2), 4);

        assertThat(sink.committable(partition(0), partition(1), partition(2)))
            .as("every assigned partition, none revoked").containsExactlyInAnyOrderEntriesOf(Map.of(
                partition(0), new OffsetAndMetadata(3), partition(1), new OffsetAndMetadata(7)));
    }

    @Test
    void commitsNothingBeyondTheLastAcknowledgedRecordWhileTheFunctionFails() throws Exception {
        startTask("batch.max.records", "2");
        sink.task.put(rows(0, 0, 3));
        fc.awaitRecords(4, TIMEOUT);
        sink.awaitCommittable(partition(0), 4);
        fc.faults().failNext(1000, 500);

        sink.task.put(List.of(row(0, 4), tombstone(0, 5), row(0, 6)));
        sink.awaitMetric("retries-total", 3, "cause", "server-error");

        assertThat(sink.committable(partition(0))).containsExactly(Map.entry(partition(0), new OffsetAndMetadata(4)));
        fc.faults().clear();
        fc.awaitRecords(6, TIMEOUT);
        sink.awaitCommittable(partition(0), 7);
        assertThat(receivedIds(0)).containsExactly(0L, 1L, 2L, 3L, 4L, 6L);
    }

    @Test
    void skipsRecordsConnectHandsOverAgain() throws Exception {
        startTask();
        sink.task.put(rows(0, 0, 2));
        fc.awaitRecords(3, TIMEOUT);

        sink.task.put(rows(0, 0, 4));
        fc.awaitRecords(5, TIMEOUT);

        assertThat(receivedIds(0)).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void failsWithTheLastAnswerOnceConnectionFailuresOutlastTheirWindow() {
        startTask("retry.connection.minutes", "10", "retry.other.minutes", "1");
        fc.faults().failNext(100_000, 503);

        sink.task.put(rows(0, 0, 0));
        sink.awaitMetric("retries-total", 1, "cause", "connection");
        sink.clock.advance(Duration.ofMinutes(5));
        double retriesBefore = sink.context.metric("retries-total", "cause", "connection");
        sink.awaitMetric("retries-total", retriesBefore + 1, "cause", "connection");
        sink.assertStillRunning();
        sink.clock.advance(Duration.ofMinutes(5));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("failing for 10 minutes")
            .hasMessageContaining("retry.connection.minutes=10")
            .hasMessageContaining("giving up on demo.orders-0 at offset 0")
            .hasMessageContaining("HTTP 503, ServiceUnavailable")
            .hasMessageContaining("request id ");
        assertThat(fc.receivedBatches()).isEmpty();
        assertThat(sink.committable(partition(0))).isEmpty();
    }

    @Test
    void failsOnceFunctionErrorsOutlastTheOtherWindow() {
        startTask("retry.other.minutes", "1");
        fc.faults().failFunctionNext(100_000, "TypeError", "cannot read property 'data' of undefined");

        sink.task.put(rows(0, 0, 0));
        sink.awaitMetric("retries-total", 1, "cause", "function-error");
        sink.clock.advance(Duration.ofSeconds(61));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("retry.other.minutes=1")
            .hasMessageContaining("TypeError: cannot read property 'data' of undefined");
    }

    @Test
    void aDeliveredBatchRestartsTheRetryWindow() throws Exception {
        startTask("retry.other.minutes", "1");
        fc.faults().failNext(1, 500);
        sink.task.put(rows(0, 0, 0));
        fc.awaitRecords(1, TIMEOUT);

        sink.clock.advance(Duration.ofSeconds(61));
        fc.faults().failNext(1, 500);
        sink.task.put(rows(0, 1, 1));

        fc.awaitRecords(2, TIMEOUT);
        sink.assertStillRunning();
    }

    @Test
    void honoursRetryAfterOfThrottlingAnswers() throws Exception {
        startTask();
        fc.faults().failNext(1, 429, Duration.ofSeconds(1));
        long start = System.nanoTime();

        sink.task.put(rows(0, 0, 0));
        fc.awaitRecords(1, TIMEOUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(sink.context.metric("retries-total", "cause", "throttled")).isEqualTo(1);
    }

    @Test
    void retriesWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        startTask("fc.endpoint", "http://127.0.0.1:" + closedPort);

        sink.task.put(rows(0, 0, 0));

        sink.awaitMetric("retries-total", 2, "cause", "connection");
        sink.assertStillRunning();
    }

    @Test
    void failsFastWhenTheSignatureIsRejected() {
        startTask("fc.access.key.secret", "wrong-secret");

        sink.task.put(rows(0, 0, 0));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("HTTP 403, SignatureNotMatch")
            .hasMessageContaining("request id ")
            .hasMessageContaining("check fc.access.key.id, fc.access.key.secret")
            .hasMessageNotContaining("wrong-secret");
        assertThat(sink.context.metric("retries-total", "cause", "connection")
            + sink.context.metric("retries-total", "cause", "server-error")).isZero();
    }

    @Test
    void failsFastWhenTheFunctionDoesNotExist() {
        startTask("fc.function.name", "missing-function");

        sink.task.put(rows(0, 0, 0));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("HTTP 404, FunctionNotFound")
            .hasMessageContaining("fc.function.name");
    }

    @Test
    void skipsTombstonesButCountsTheirOffsetsAsDelivered() throws Exception {
        startTask();

        sink.task.put(List.of(row(0, 0), tombstone(0, 1), row(0, 2), tombstone(0, 3)));
        sink.task.put(List.of(tombstone(1, 0)));

        sink.awaitCommittable(partition(0), 4);
        sink.awaitCommittable(partition(1), 1);
        assertThat(receivedIds(0)).containsExactly(0L, 2L);
        assertThat(fc.receivedBatches()).hasSize(1);
    }

    @Test
    void aTombstoneAfterAnUndeliveredRecordIsNotCountedAsDelivered() {
        startTask();
        fc.faults().failNext(1000, 503);

        sink.task.put(List.of(row(0, 0), tombstone(0, 1)));
        sink.awaitMetric("retries-total", 2, "cause", "connection");

        assertThat(sink.committable(partition(0))).isEmpty();
    }

    @Test
    void rejectsValuesThatAreNotJsonObjectsNamingTheRecordAndTheConverterToUse() {
        startTask();
        List<SinkRecord> records = List.of(row(0, 0), new SinkRecord(TOPIC, 0, null, null, null, 42, 1));

        assertThatThrownBy(() -> sink.task.put(records)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record demo.orders/0/1 has a value of type java.lang.Integer")
            .hasMessageContaining("value.converter.schemas.enable=false")
            .hasMessageContaining("StringConverter");
        assertThat(sink.committable(partition(0))).isEmpty();
    }

    @Test
    void rejectsARecordLargerThanBatchMaxBytesNamingTableKeyAndSize() {
        startTask("batch.max.bytes", "1024");
        SinkRecord big = new SinkRecord(TOPIC, 1, null, Map.of("order_id", 7), null,
            Map.of("database", "demo", "table", "orders", "data", "x".repeat(2000)), 7);

        assertThatThrownBy(() -> sink.task.put(List.of(big))).isInstanceOf(DataException.class)
            .hasMessageContaining("Record demo.orders/1/7 (table demo.orders, key {order_id=7}) is 2065 bytes")
            .hasMessageContaining("batch of at most 1024 bytes (batch.max.bytes)")
            .hasMessageContaining("errors.deadletterqueue.topic.name");
    }

    @Test
    void reportsTheProjectVersion() {
        assertThat(new FcSinkTask().version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
