package dev.binlogfc.sink.fc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FcSinkTaskTest {

    private static final String TOPIC = "demo.orders";
    private static final TopicPartition PARTITION_0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition PARTITION_1 = new TopicPartition(TOPIC, 1);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private FcLocalEndpoint fc;
    private FcSinkTask task;
    private RecordingSinkTaskContext context;

    @BeforeEach
    void startEndpoint() throws IOException {
        fc = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").start();
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        fc.close();
    }

    private Map<String, String> settings(String... overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("fc.endpoint", fc.url());
        settings.put("fc.service.name", "demo-service");
        settings.put("fc.function.name", "demo-function");
        settings.put("fc.access.key.id", "test-key");
        settings.put("fc.access.key.secret", "test-secret");
        settings.put("retry.backoff.initial.ms", "100");
        settings.put("retry.backoff.max.ms", "1000");
        settings.put("http.response.timeout.ms", "10000");
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return settings;
    }

    private void startTask(String... overrides) {
        Map<String, String> settings = settings(overrides);
        task = new FcSinkTask(clock, new SplittableRandom(42));
        context = new RecordingSinkTaskContext(settings);
        task.initialize(context);
        task.start(settings);
    }

    private static SinkRecord row(int partition, long offset) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", offset);
        value.put("database", "demo");
        value.put("table", "orders");
        value.put("type", "INSERT");
        value.put("es", 1_690_000_000_000L);
        value.put("ts", 1_690_000_000_000L);
        value.put("data", List.of(Map.of("order_id", Long.toString(offset))));
        return new SinkRecord(TOPIC, partition, null, null, null, value, offset);
    }

    private static List<SinkRecord> rows(int partition, long fromOffset, long toOffset) {
        return LongStream.rangeClosed(fromOffset, toOffset).mapToObj(offset -> row(partition, offset)).toList();
    }

    private static SinkRecord tombstone(int partition, long offset) {
        return new SinkRecord(TOPIC, partition, null, null, null, null, offset);
    }

    private List<Long> receivedIds() {
        return fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asLong()).toList();
    }

    @Test
    void deliversRecordsInOrderAsSignedBatchesOfAtMostBatchMaxRecords() {
        startTask("batch.max.records", "3");
        List<SinkRecord> interleaved = List.of(row(0, 10), row(1, 20), row(0, 11), row(1, 21), row(0, 12),
            row(0, 13), row(1, 22));

        task.put(interleaved);

        assertThat(fc.receivedBatches()).extracting(batch -> batch.records().size()).containsExactly(3, 3, 1);
        assertThat(receivedIds()).containsExactly(10L, 20L, 11L, 21L, 12L, 13L, 22L);
        assertThat(fc.receivedBatches()).allSatisfy(batch -> {
            assertThat(batch.invocationType()).isEqualTo("Sync");
            assertThat(batch.headers()).containsEntry("content-type", "application/json");
        });
        assertThat(task.preCommit(Map.of(PARTITION_0, new OffsetAndMetadata(14), PARTITION_1,
            new OffsetAndMetadata(23)))).containsOnly(Map.entry(PARTITION_0, new OffsetAndMetadata(14)),
            Map.entry(PARTITION_1, new OffsetAndMetadata(23)));
    }

    @Test
    void keepsEveryBatchWithinBatchMaxBytes() {
        startTask("batch.max.bytes", "1024");

        task.put(rows(0, 0, 19));

        assertThat(fc.receivedBatches()).hasSizeGreaterThan(1)
            .allSatisfy(batch -> assertThat(batch.body().toString().length()).isLessThanOrEqualTo(1024));
        assertThat(receivedIds()).containsExactlyElementsOf(LongStream.rangeClosed(0, 19).boxed().toList());
    }

    @Test
    void stampsTsWithTheTimeDeliveryOfTheBatchStartedAndKeepsTheOtherFields() {
        startTask("batch.max.records", "2");

        task.put(rows(0, 0, 1));
        clock.advance(Duration.ofSeconds(5));
        task.put(rows(0, 2, 2));

        List<ReceivedBatch> batches = fc.receivedBatches();
        assertThat(batches.get(0).records()).allSatisfy(record ->
            assertThat(record.path("ts").asLong()).isEqualTo(START.toEpochMilli()));
        assertThat(batches.get(1).records()).singleElement().satisfies(record -> {
            assertThat(record.path("ts").asLong()).isEqualTo(START.plusSeconds(5).toEpochMilli());
            assertThat(record.path("es").asLong()).isEqualTo(1_690_000_000_000L);
            assertThat(fieldNames(record)).containsExactly("id", "database", "table", "type", "es", "ts", "data");
        });
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void acceptsStringValuesHoldingJsonObjects() {
        startTask();

        task.put(List.of(new SinkRecord(TOPIC, 0, null, null, null, "{\"id\":7,\"ts\":1}", 0)));

        assertThat(fc.receivedBatches()).singleElement().satisfies(batch ->
            assertThat(batch.records().get(0).path("ts").asLong()).isEqualTo(START.toEpochMilli()));
    }

    @Test
    void sendsTheSecurityTokenAndInvocationType() throws IOException {
        try (FcLocalEndpoint sts = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("STS.key", "sts-secret").securityToken("sts-token").start()) {
            startTask("fc.endpoint", sts.url(), "fc.access.key.id", "STS.key", "fc.access.key.secret", "sts-secret",
                "fc.security.token", "sts-token", "fc.invocation.type", "Async", "batch.max.bytes", "131072");

            task.put(rows(0, 0, 1));

            assertThat(sts.receivedBatches()).singleElement()
                .satisfies(batch -> assertThat(batch.invocationType()).isEqualTo("Async"));
        }
    }

    @Test
    void retriesAfterInjected503sWithoutResendingAndWithoutCallingBeforeTheBackoff() {
        startTask("batch.max.records", "2");
        fc.faults().failNext(2, 503);
        List<SinkRecord> records = rows(0, 0, 3);

        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class)
            .hasMessageContaining("HTTP 503").hasMessageContaining("ServiceUnavailable");
        assertThat(context.lastTimeout()).isBetween(50L, 100L);

        // Connect may hand the records back early; the task must not call FC before the backoff ends.
        clock.advance(Duration.ofMillis(40));
        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class)
            .hasMessageContaining("waiting");
        assertThat(context.lastTimeout()).isBetween(10L, 60L);

        clock.advance(Duration.ofMillis(100));
        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class);
        assertThat(context.lastTimeout()).as("second retry doubles the backoff").isBetween(100L, 200L);

        clock.advance(Duration.ofMillis(200));
        task.put(records);

        assertThat(receivedIds()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(task.preCommit(Map.of(PARTITION_0, new OffsetAndMetadata(4))))
            .containsExactly(Map.entry(PARTITION_0, new OffsetAndMetadata(4)));
    }

    @Test
    void aRetriedPutDoesNotResendTheBatchesDeliveredBeforeTheFailure() throws Exception {
        startTask("batch.max.records", "2");
        fc.faults().delayResponses(Duration.ofMillis(500));
        List<SinkRecord> records = rows(0, 0, 5);

        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> task.put(records));
        fc.awaitRecords(2, Duration.ofSeconds(10));
        // The second call is still on its way, held by the endpoint's delay: make it fail.
        fc.faults().failNext(1, 500).delayResponses(Duration.ZERO);
        assertThatThrownBy(() -> put.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RetriableException.class);

        assertThat(task.preCommit(Map.of(PARTITION_0, new OffsetAndMetadata(6))))
            .as("only the first batch was delivered").containsExactly(Map.entry(PARTITION_0, new OffsetAndMetadata(2)));

        clock.advance(Duration.ofSeconds(1));
        task.put(records);

        assertThat(receivedIds()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(task.preCommit(Map.of(PARTITION_0, new OffsetAndMetadata(6))))
            .containsExactly(Map.entry(PARTITION_0, new OffsetAndMetadata(6)));
    }

    @Test
    void skipsRedeliveredRecordsAtOrBelowTheLastDeliveredOffset() {
        startTask();
        task.put(rows(0, 0, 2));

        task.put(rows(0, 0, 4));

        assertThat(receivedIds()).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void failsWithTheLastAnswerOnceConnectionFailuresOutlastTheirWindow() {
        startTask("retry.connection.minutes", "10", "retry.other.minutes", "1");
        fc.faults().failNext(100, 503);
        List<SinkRecord> records = rows(0, 0, 0);

        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class);
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> task.put(records)).as("503 is a connection failure: the 1-minute window of"
            + " other failures does not apply").isInstanceOf(RetriableException.class);
        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> task.put(records)).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("failing for 10 minutes")
            .hasMessageContaining("retry.connection.minutes=10")
            .hasMessageContaining("HTTP 503, ServiceUnavailable")
            .hasMessageContaining("request id ");
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void failsOnceFunctionErrorsOutlastTheOtherWindow() {
        startTask("retry.other.minutes", "1");
        fc.faults().failFunctionNext(100, "TypeError", "cannot read property 'data' of undefined");
        List<SinkRecord> records = rows(0, 0, 0);

        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class)
            .hasMessageContaining("function error UnhandledInvocationError");
        clock.advance(Duration.ofSeconds(61));

        assertThatThrownBy(() -> task.put(records)).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("retry.other.minutes=1")
            .hasMessageContaining("TypeError: cannot read property 'data' of undefined");
    }

    @Test
    void aDeliveredBatchRestartsTheRetryWindow() {
        startTask("retry.other.minutes", "1");
        fc.faults().failNext(1, 500);
        assertThatThrownBy(() -> task.put(rows(0, 0, 0))).isInstanceOf(RetriableException.class);
        clock.advance(Duration.ofSeconds(50));
        task.put(rows(0, 0, 0));

        fc.faults().failNext(1, 500);
        clock.advance(Duration.ofSeconds(50));

        assertThatThrownBy(() -> task.put(rows(0, 1, 1))).isInstanceOf(RetriableException.class);
    }

    @Test
    void honoursRetryAfterOfThrottlingAnswers() {
        startTask();
        fc.faults().failNext(1, 429, Duration.ofSeconds(5));

        assertThatThrownBy(() -> task.put(rows(0, 0, 0))).isInstanceOf(RetriableException.class)
            .hasMessageContaining("HTTP 429, ResourceThrottled");

        assertThat(context.lastTimeout()).isEqualTo(5000L);
    }

    @Test
    void retriesWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        startTask("fc.endpoint", "http://127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> task.put(rows(0, 0, 0))).isInstanceOf(RetriableException.class)
            .hasMessageContaining("no answer");
    }

    @Test
    void failsFastWhenTheSignatureIsRejected() {
        startTask("fc.access.key.secret", "wrong-secret");

        assertThatThrownBy(() -> task.put(rows(0, 0, 0))).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("HTTP 403, SignatureNotMatch")
            .hasMessageContaining("request id ")
            .hasMessageContaining("check fc.access.key.id, fc.access.key.secret")
            .hasMessageNotContaining("wrong-secret");
        assertThat(context.timeouts).isEmpty();
    }

    @Test
    void failsFastWhenTheFunctionDoesNotExist() {
        startTask("fc.function.name", "missing-function");

        assertThatThrownBy(() -> task.put(rows(0, 0, 0))).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("HTTP 404, FunctionNotFound")
            .hasMessageContaining("fc.function.name");
    }

    @Test
    void skipsTombstonesButCountsTheirOffsetsAsDelivered() {
        startTask();

        task.put(List.of(row(0, 0), tombstone(0, 1), row(0, 2), tombstone(0, 3)));
        task.put(List.of(tombstone(1, 0)));

        assertThat(receivedIds()).containsExactly(0L, 2L);
        assertThat(fc.receivedBatches()).hasSize(1);
        assertThat(task.preCommit(Map.of(PARTITION_0, new OffsetAndMetadata(4), PARTITION_1,
            new OffsetAndMetadata(1)))).containsOnly(Map.entry(PARTITION_0, new OffsetAndMetadata(4)),
            Map.entry(PARTITION_1, new OffsetAndMetadata(1)));
    }

    @Test
    void aTombstoneAfterAnUndeliveredRecordIsNotCountedAsDelivered() {
        startTask();
        fc.faults().failNext(1, 503);

        assertThatThrownBy(() -> task.put(List.of(row(0, 0), tombstone(0, 1))))
            .isInstanceOf(RetriableException.class);

        assertThat(task.preCommit(Map.of(PARTITION_0, new OffsetAndMetadata(2)))).isEmpty();
    }

    @Test
    void rejectsValuesThatAreNotJsonObjectsNamingTheRecordAndTheConverterToUse() {
        startTask("batch.max.records", "1");
        List<SinkRecord> records = List.of(row(0, 0), new SinkRecord(TOPIC, 0, null, null, null, 42, 1));

        assertThatThrownBy(() -> task.put(records)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record demo.orders/0/1 has a value of type java.lang.Integer")
            .hasMessageContaining("value.converter.schemas.enable=false")
            .hasMessageContaining("StringConverter");
        assertThat(receivedIds()).as("the batch before the bad record was delivered").containsExactly(0L);
        assertThat(task.preCommit(Map.of(PARTITION_0, new OffsetAndMetadata(2))))
            .containsExactly(Map.entry(PARTITION_0, new OffsetAndMetadata(1)));
    }

    @Test
    void rejectsARecordLargerThanBatchMaxBytes() {
        startTask("batch.max.bytes", "1024");
        Map<String, Object> big = new LinkedHashMap<>();
        big.put("id", 1);
        big.put("data", "x".repeat(2000));

        assertThatThrownBy(() -> task.put(List.of(new SinkRecord(TOPIC, 1, null, null, null, big, 7))))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("Record demo.orders/1/7 is 2037 bytes")
            .hasMessageContaining("at most 1024 bytes (batch.max.bytes");
    }

    @Test
    void forgetsClosedPartitions() {
        startTask();
        task.put(rows(0, 0, 0));

        task.close(List.of(PARTITION_0));

        assertThat(task.preCommit(Map.of(PARTITION_0, new OffsetAndMetadata(1)))).isEmpty();
    }

    @Test
    void reportsTheProjectVersion() {
        assertThat(new FcSinkTask().version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
