package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.partition;
import static dev.binlogfc.sink.fc.SinkTaskHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import dev.binlogfc.teststack.fc.RecordRejection;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Records the function rejects: retried, isolated by bisection, dead-lettered or failing the task by name. */
class RejectedRecordsTest extends AgainstLocalEndpoint {

    private static final String[] DEAD_LETTER_QUEUE = {"errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", "fc-sink-dlq"};

    @Override
    protected FcLocalEndpoint.Builder endpoint() {
        return super.endpoint().webhook("/hooks/orders", null);
    }

    private static String[] with(String[] first, String... more) {
        List<String> settings = new ArrayList<>(List.of(first));
        settings.addAll(List.of(more));
        return settings.toArray(String[]::new);
    }

    private static boolean poison(JsonNode record) {
        return record.path("id").asLong() % 1_000_000 % 17 == 5;
    }

    private List<Long> receivedIds() {
        return fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asLong()).toList();
    }

    private static String header(SinkRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null ? null : String.valueOf(header.value());
    }

    @Test
    void isolatesPoisonRecordsIntoTheDeadLetterQueueAndDeliversTheRestOnceInOrder() throws Exception {
        sink = SinkTaskHarness.startWithDeadLetterQueue(fc, with(DEAD_LETTER_QUEUE, "retry.max.attempts", "2"));
        fc.faults().rejectRecords(RejectedRecordsTest::poison, Integer.MAX_VALUE,
            RecordRejection.Answer.FUNCTION_ERROR, 0);
        List<SinkRecord> records = new ArrayList<>(rows(0, 0, 199));
        records.addAll(rows(1, 0, 199));

        sink.task.put(records);
        sink.awaitCommittable(partition(0), 200);
        sink.awaitCommittable(partition(1), 200);

        List<Long> expectedPoison = new ArrayList<>();
        List<Long> expectedDelivered = new ArrayList<>();
        for (int partition = 0; partition < 2; partition++) {
            for (long offset = 0; offset < 200; offset++) {
                (offset % 17 == 5 ? expectedPoison : expectedDelivered).add(partition * 1_000_000L + offset);
            }
        }
        assertThat(receivedIds().stream().sorted().toList()).containsExactlyElementsOf(expectedDelivered);
        for (int partition = 0; partition < 2; partition++) {
            long first = partition * 1_000_000L;
            assertThat(receivedIds().stream().filter(id -> id / 1_000_000 == first / 1_000_000).toList())
                .as("partition %d in offset order, each once", partition).isSorted().doesNotHaveDuplicates();
        }
        assertThat(sink.context.deadLetters).extracting(record -> record.kafkaPartition() * 1_000_000L
            + record.kafkaOffset()).containsExactlyInAnyOrderElementsOf(expectedPoison);
        SinkRecord deadLetter = sink.context.deadLetters.stream()
            .filter(record -> record.kafkaPartition() == 1 && record.kafkaOffset() == 22).findFirst().orElseThrow();
        assertThat(header(deadLetter, "fc.error.cause")).isEqualTo("function-error");
        assertThat(header(deadLetter, "fc.error.status")).isEqualTo("200");
        assertThat(header(deadLetter, "fc.error.type")).isEqualTo("UnhandledInvocationError");
        assertThat(header(deadLetter, "fc.error.request.id")).isNotBlank();
        assertThat(header(deadLetter, "fc.error.body")).contains("the function rejects record [1000022]");
        assertThat(header(deadLetter, "fc.canal.id")).isEqualTo("1000022");
        assertThat(sink.context.metric("records-isolated-total", "cause", "function-error"))
            .isEqualTo(expectedPoison.size());
        assertThat(sink.context.metric("dead-letter-queue-records-total", "cause", "function-error"))
            .isEqualTo(expectedPoison.size());
        assertThat(sink.context.metric("dead-letter-queue-records-total")).isEqualTo(expectedPoison.size());
        sink.assertStillRunning();
    }

    @Test
    void withoutToleranceFailsNamingTheRejectedRecordAfterDeliveringThoseBeforeIt() {
        sink = SinkTaskHarness.startWithDeadLetterQueue(fc, "retry.max.attempts", "3");
        fc.faults().rejectRecords(record -> record.path("id").asLong() == 6, Integer.MAX_VALUE,
            RecordRejection.Answer.FUNCTION_ERROR, 0);

        sink.task.put(rows(0, 0, 9));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("Record demo.orders/0/6 (table demo.orders, key {order_id=6}, id 6) was rejected")
            .hasMessageContaining("its batch of 10 records from offset 0 was no longer retried as 3 attempts failed,"
                + " reaching retry.max.attempts=3, and alone it was rejected too")
            .hasMessageContaining("function error UnhandledInvocationError, RecordRejected: the function rejects"
                + " record [6]")
            .hasMessageContaining("errors.tolerance=all");
        assertThat(receivedIds()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(sink.committable(partition(0)).get(partition(0)).offset()).isEqualTo(6);
        assertThat(sink.context.deadLetters).isEmpty();
    }

    @Test
    void resendsOnlyTheRecordsFromTheFirstFailedItemOn() throws Exception {
        sink = SinkTaskHarness.start(fc, "report.batch.item.failures", "true");
        fc.faults().rejectRecords(record -> record.path("id").asLong() == 5 || record.path("id").asLong() == 12, 1,
            RecordRejection.Answer.BATCH_ITEM_FAILURES, 0);

        sink.task.put(rows(0, 0, 19));
        sink.awaitCommittable(partition(0), 20);

        assertThat(receivedIds()).containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
        assertThat(fc.rejectedBatches()).singleElement().extracting(ReceivedBatch::recordCount).isEqualTo(20);
        assertThat(fc.receivedBatches()).extracting(ReceivedBatch::recordCount).containsExactly(5, 15);
        assertThat(sink.context.metric("retries-total", "cause", "item-failures")).isEqualTo(1);
    }

    @Test
    void isolatesARecordTheFunctionKeepsReportingAsFailed() throws Exception {
        sink = SinkTaskHarness.startWithDeadLetterQueue(fc, with(DEAD_LETTER_QUEUE, "report.batch.item.failures",
            "true", "retry.max.attempts", "2"));
        fc.faults().rejectRecords(record -> record.path("id").asLong() == 7, Integer.MAX_VALUE,
            RecordRejection.Answer.BATCH_ITEM_FAILURES, 0);

        sink.task.put(rows(0, 0, 19));
        sink.awaitCommittable(partition(0), 20);

        assertThat(receivedIds()).containsExactlyElementsOf(LongStream.range(0, 20).filter(id -> id != 7).boxed()
            .toList());
        assertThat(sink.context.deadLetters).singleElement().satisfies(record -> {
            assertThat(record.kafkaOffset()).isEqualTo(7);
            assertThat(header(record, "fc.error.cause")).isEqualTo("item-failures");
            assertThat(header(record, "fc.error.body")).contains("\"itemIdentifier\":\"7\"");
        });
    }

    @Test
    void takesAnAnswerThatIsNoBatchItemFailuresAnswerForAFailureNotASuccess() {
        sink = SinkTaskHarness.start(fc, "report.batch.item.failures", "true", "retry.other.minutes", "1");

        sink.task.put(rows(0, 0, 0));
        sink.awaitMetric("retries-total", 1, "cause", "malformed-answer");
        sink.clock.advance(Duration.ofSeconds(61));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("is not a batch item failures answer: the answer has no batchItemFailures list")
            .hasMessageContaining("{\"batchItemFailures\":[{\"itemIdentifier\":\"<id>\"}]}")
            .hasMessageContaining("retry.other.minutes=1");
        assertThat(sink.committable(partition(0))).isEmpty();
    }

    @Test
    void isolatesRecordsAWebhookRejectsWithABatchFailureStatus() throws Exception {
        sink = SinkTaskHarness.startWithDeadLetterQueue(fc, with(DEAD_LETTER_QUEUE, "target.type", "http",
            "http.url", fc.webhookUrl(), "retry.max.attempts", "2"));
        fc.faults().rejectRecords(record -> record.path("id").asLong() == 3, Integer.MAX_VALUE,
            RecordRejection.Answer.HTTP_STATUS, 422);

        sink.task.put(rows(0, 0, 9));
        sink.awaitCommittable(partition(0), 10);

        assertThat(receivedIds()).containsExactly(0L, 1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sink.context.deadLetters).singleElement().satisfies(record -> {
            assertThat(header(record, "fc.error.cause")).isEqualTo("rejected");
            assertThat(header(record, "fc.error.status")).isEqualTo("422");
        });
    }

    @Test
    void stopsAtOnceForAWebhookStatusOutsideTheBatchFailureStatuses() {
        sink = SinkTaskHarness.startWithDeadLetterQueue(fc, with(DEAD_LETTER_QUEUE, "target.type", "http",
            "http.url", fc.webhookUrl(), "http.batch.failure.statuses", "400"));
        fc.faults().rejectRecords(record -> true, Integer.MAX_VALUE, RecordRejection.Answer.HTTP_STATUS, 422);

        sink.task.put(rows(0, 0, 1));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("HTTP 422, RecordRejected")
            .hasMessageContaining("would reject it again");
        assertThat(sink.context.deadLetters).isEmpty();
    }

    @Test
    void stopsRetryingARejectedBatchWhoseRecordsAreOlderThanTheMaximumAge() throws Exception {
        sink = SinkTaskHarness.startWithDeadLetterQueue(fc, with(DEAD_LETTER_QUEUE,
            "retry.max.record.age.seconds", "3600"));
        fc.faults().rejectRecords(record -> record.path("id").asLong() == 1, Integer.MAX_VALUE,
            RecordRejection.Answer.FUNCTION_ERROR, 0);
        long twoHoursAgo = SinkTaskHarness.START.minus(Duration.ofHours(2)).toEpochMilli();
        List<SinkRecord> old = rows(0, 0, 3).stream().map(record -> record.newRecord(record.topic(),
            record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), record.value(),
            twoHoursAgo)).toList();

        sink.task.put(old);
        sink.awaitCommittable(partition(0), 4);

        assertThat(receivedIds()).containsExactly(0L, 2L, 3L);
        assertThat(sink.context.deadLetters).singleElement().extracting(SinkRecord::kafkaOffset).isEqualTo(1L);
        assertThat(sink.context.metric("retries-total", "cause", "function-error"))
            .as("the whole batch is not retried; its failing half is split once").isEqualTo(1);
    }

    @Test
    void neitherSkipsNorCommitsARecordTheDeadLetterQueueCouldNotTake() {
        sink = SinkTaskHarness.startWithDeadLetterQueue(fc, with(DEAD_LETTER_QUEUE, "retry.max.attempts", "1"));
        sink.context.deadLetterWriteFailure = new IllegalStateException("dead-letter topic not writable");
        fc.faults().rejectRecords(record -> record.path("id").asLong() == 1, Integer.MAX_VALUE,
            RecordRejection.Answer.FUNCTION_ERROR, 0);

        sink.task.put(rows(0, 0, 3));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("Writing Record demo.orders/0/1 (table demo.orders, key {order_id=1}, id 1) to the"
                + " dead-letter queue failed, so it is not skipped")
            .hasMessageContaining("dead-letter topic not writable");
        assertThat(sink.committable(partition(0)).get(partition(0)).offset()).isEqualTo(1);
        assertThat(receivedIds()).containsExactly(0L);
    }
}
