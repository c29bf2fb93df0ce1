package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.PendingRecord;
import dev.binlogfc.sink.fc.invoke.FcResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Connect's dead-letter queue, as far as records the function rejected are concerned: each goes there through the
 * errant record reporter with headers carrying the function's answer, and the lane waits until it is written
 * before its offset counts as done.
 */
public final class DeadLetterQueue {

    /** Rejected records fail the task (errors.tolerance=none, or no dead-letter topic). */
    public static final DeadLetterQueue NONE = new DeadLetterQueue(null);
    /**
     * How long to wait for Connect to write a dead letter: longer than its producer's default delivery.timeout.ms
     * (2 minutes), so that a failure is usually the producer's own error.
     */
    static final Duration WRITE_TIMEOUT = Duration.ofMinutes(3);

    public static final String CAUSE_HEADER = "fc.error.cause";
    public static final String STATUS_HEADER = "fc.error.status";
    public static final String ERROR_TYPE_HEADER = "fc.error.type";
    public static final String REQUEST_ID_HEADER = "fc.error.request.id";
    public static final String BODY_HEADER = "fc.error.body";
    public static final String CANAL_ID_HEADER = "fc.canal.id";

    private final ErrantRecordReporter reporter;

    public DeadLetterQueue(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    boolean enabled() {
        return reporter != null;
    }

    /**
     * Writes {@code rejected} to the dead-letter topic and waits until it is there.
     *
     * @throws ConnectException when it could not be written, so that its offset is not committed
     * @throws InterruptedException when the task stops meanwhile
     */
    void write(PendingRecord rejected, InvocationOutcome.Retryable failure, String reason)
        throws InterruptedException {
        try {
            reporter.report(withAnswerHeaders(rejected, failure), new ConnectException(reason))
                .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectException("Writing " + RejectedRecords.describe(rejected) + " to the dead-letter queue"
                + " failed, so it is not skipped: " + e, e);
        }
    }

    /**
     * A copy of the record, under the topic, partition and offset it was consumed from (which Connect waits for
     * before committing), with the function's answer added to its headers.
     */
    private static SinkRecord withAnswerHeaders(PendingRecord rejected, InvocationOutcome.Retryable failure) {
        SinkRecord record = rejected.record();
        Headers headers = new ConnectHeaders(record.headers());
        headers.addString(CAUSE_HEADER, failure.cause().tag());
        FcResponse response = failure.response();
        if (response != null) {
            headers.addString(STATUS_HEADER, Integer.toString(response.status()));
            addIfPresent(headers, ERROR_TYPE_HEADER, response.errorType());
            addIfPresent(headers, REQUEST_ID_HEADER, response.requestId());
        }
        headers.addString(BODY_HEADER, failure.bodyExcerpt());
        headers.addString(CANAL_ID_HEADER, rejected.row().canalId());
        return new SinkRecord(record.originalTopic(), record.originalKafkaPartition(), record.keySchema(),
            record.key(), record.valueSchema(), record.value(), record.originalKafkaOffset(), record.timestamp(),
            record.timestampType(), headers);
    }

    private static void addIfPresent(Headers headers, String name, String value) {
        if (value != null) {
            headers.addString(name, value);
        }
    }
}
