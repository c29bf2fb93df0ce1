package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.Batch;
import dev.binlogfc.sink.fc.batch.BatchLimits;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import dev.binlogfc.sink.fc.batch.RecordValueReader;
import dev.binlogfc.sink.fc.config.FcSinkConfig;
import dev.binlogfc.sink.fc.invoke.CallCanceller;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one topic partition on their way to the function, sent one batch at a time in offset order.
 * A batch stays at the head of the queue until the function took it: a retryable failure sends the same batch
 * again after a backoff (other partitions go on meanwhile), a body the function finds too large is cut in
 * halves, and anything else stops the task. Each run is one step, scheduled on the engine's pool, so that a
 * lane waiting for its linger time, throttle or backoff holds no thread. At most one run of a lane is scheduled
 * or running at any time.
 */
final class PartitionLane implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PartitionLane.class);

    private final TopicPartition partition;
    private final DeliveryEngine engine;
    private final RetryTracker retries;
    private final Deque<PendingRecord> queue = new ArrayDeque<>();
    private long lastAcceptedOffset = -1;
    private int queuedRows;
    private long queuedBytes;
    /** The batch being delivered; kept across retries so that every attempt sends the same body. */
    private Batch inFlight;
    private CallCanceller call;
    /** While a too-large batch is being resent in parts: the most rows per part, and the last offset it held. */
    private int splitMaxRecords;
    private long splitUntilOffset = -1;
    private boolean runScheduled;
    private boolean abandoned;

    PartitionLane(TopicPartition partition, DeliveryEngine engine, RetryTracker retries) {
        this.partition = partition;
        this.engine = engine;
        this.retries = retries;
    }

    /**
     * Queues the records after those accepted before; records at or below the last accepted offset (handed over
     * again by Connect) are already queued or delivered and are skipped. Returns how many were queued.
     */
    synchronized int accept(List<PendingRecord> records) {
        int queued = 0;
        for (PendingRecord record : records) {
            if (record.offset() <= lastAcceptedOffset) {
                continue;
            }
            queue.addLast(record);
            lastAcceptedOffset = record.offset();
            if (record.hasRow()) {
                queuedRows++;
                queuedBytes += record.jsonBytes();
            }
            queued++;
        }
        if (queued > 0 && !runScheduled && !abandoned) {
            schedule(0);
        }
        return queued;
    }

    /** Stops the lane and aborts its call in flight; returns how many records it dropped. */
    synchronized int abandon() {
        abandoned = true;
        if (call != null) {
            call.cancel();
        }
        int dropped = queue.size();
        queue.clear();
        return dropped;
    }

    @Override
    public void run() {
        try {
            step();
        } catch (RuntimeException e) {
            engine.fail(new ConnectException("Delivering " + partition + " to " + engine.invoker().target()
                + " failed unexpectedly: " + e, e));
        }
    }

    private void step() {
        Batch batch;
        CallCanceller canceller;
        synchronized (this) {
            if (abandoned || engine.isHalted()) {
                runScheduled = false;
                return;
            }
            if (inFlight == null && !prepareBatch()) {
                return;
            }
            batch = inFlight;
            canceller = new CallCanceller();
            call = canceller;
        }
        InvocationOutcome outcome = invoke(batch, canceller);
        synchronized (this) {
            call = null;
            if (abandoned) {
                runScheduled = false;
                return;
            }
            handle(outcome, batch);
        }
    }

    /** Cuts the next batch when it is due; false when the lane has nothing to send now (a later run may). */
    private boolean prepareBatch() {
        completeLeadingRecordsWithoutRow();
        if (queuedRows == 0) {
            runScheduled = false;
            return false;
        }
        long lingerLeft = lingerLeftNanos();
        if (lingerLeft > 0) {
            schedule(lingerLeft);
            return false;
        }
        inFlight = engine.batchBuilder().build(queue, currentLimits(), engine.clock().millis());
        long throttleWait = engine.throttle().reserve(inFlight.cost(), System.nanoTime());
        if (throttleWait > 0) {
            schedule(throttleWait);
            return false;
        }
        return true;
    }

    /** Tombstones and dead-lettered records at the head need no call: they are done once all before them are. */
    private void completeLeadingRecordsWithoutRow() {
        List<PendingRecord> done = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peekFirst().hasRow()) {
            done.add(queue.removeFirst());
        }
        if (!done.isEmpty()) {
            engine.delivered(partition, new Batch(List.copyOf(done), 0, new byte[0], null));
        }
    }

    private long lingerLeftNanos() {
        BatchLimits limits = currentLimits();
        if (queuedRows >= limits.maxRecords() || queuedBytes >= limits.maxBytes()) {
            return 0;
        }
        long waited = System.nanoTime() - queue.peekFirst().acceptedAtNanos();
        return engine.settings().linger().toNanos() - waited;
    }

    private BatchLimits currentLimits() {
        BatchLimits limits = engine.settings().limits();
        return splitMaxRecords == 0 ? limits
            : new BatchLimits(Math.min(splitMaxRecords, limits.maxRecords()), limits.maxBytes());
    }

    private InvocationOutcome invoke(Batch batch, CallCanceller canceller) {
        long started = System.nanoTime();
        InvocationOutcome outcome;
        try {
            outcome = engine.classifier().classify(engine.invoker().invoke(batch.body(), canceller));
        } catch (IOException e) {
            outcome = engine.classifier().classify(e);
        }
        engine.metrics().invocationFinished(Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }

    private void handle(InvocationOutcome outcome, Batch batch) {
        if (outcome instanceof InvocationOutcome.Delivered delivered) {
            onDelivered(batch, delivered.requestId());
        } else if (outcome instanceof InvocationOutcome.Retryable retryable) {
            onRetryable(retryable, batch);
        } else if (outcome instanceof InvocationOutcome.TooLarge tooLarge) {
            onTooLarge(tooLarge, batch);
        } else {
            stop(new ConnectException(((InvocationOutcome.Fatal) outcome).reason()));
        }
    }

    private void onDelivered(Batch batch, String requestId) {
        for (PendingRecord record : batch.covered()) {
            queue.removeFirst();
            if (record.hasRow()) {
                queuedRows--;
                queuedBytes -= record.jsonBytes();
            }
        }
        inFlight = null;
        retries.onSuccess();
        if (batch.lastOffset() >= splitUntilOffset) {
            splitMaxRecords = 0;
        }
        engine.delivered(partition, batch);
        log.debug("Delivered {} records of {} up to offset {} ({} bytes), request id {}", batch.payloadCount(),
            partition, batch.lastOffset(), batch.body().length, requestId);
        schedule(0);
    }

    private void onRetryable(InvocationOutcome.Retryable failure, Batch batch) {
        RetryTracker.Decision decision = retries.onFailure(failure.failureClass(), failure.retryAfter(),
            engine.clock().instant());
        if (decision instanceof RetryTracker.GiveUp giveUp) {
            stop(new ConnectException(engine.invoker().target() + " has been failing for "
                + giveUp.failingFor().toMinutes() + " minutes, reaching " + windowSetting(failure.failureClass())
                + "=" + giveUp.window().toMinutes() + "; giving up on " + partition + " at offset "
                + batch.covered().get(0).offset() + ". Last answer: " + failure.answer()));
            return;
        }
        RetryTracker.RetryIn retry = (RetryTracker.RetryIn) decision;
        engine.metrics().retried(failure.cause());
        log.warn("Invoking {} with {} records of {} failed ({}, failing for {} s): {}; retrying in {} ms. Body: {}",
            engine.invoker().target(), batch.payloadCount(), partition, failure.cause().tag(),
            retry.failingFor().toSeconds(), failure.answer(), retry.delay().toMillis(), failure.bodyExcerpt());
        schedule(retry.delay().toNanos());
    }

    private void onTooLarge(InvocationOutcome.TooLarge tooLarge, Batch batch) {
        inFlight = null;
        if (batch.payloadCount() == 1) {
            PendingRecord record = batch.covered().stream().filter(PendingRecord::hasRow).findFirst().orElseThrow();
            stop(new ConnectException(tooLarge.answer() + " for a batch holding only "
                + RecordValueReader.position(record.record()) + " (table " + record.row().database()
                + "." + record.row().table() + ", key " + RecordValueReader.keyText(record.record()) + ", "
                + record.jsonBytes() + " bytes as JSON); lower " + FcSinkConfig.BATCH_MAX_BYTES
                + " below the function's request limit so that such records go to the dead-letter queue"));
            return;
        }
        splitMaxRecords = batch.payloadCount() / 2;
        splitUntilOffset = Math.max(splitUntilOffset, batch.lastOffset());
        engine.metrics().retried(RetryCause.TOO_LARGE);
        log.warn("{}: the batch of {} records ({} bytes) of {} is too large; sending it in parts of at most {} records",
            tooLarge.answer(), batch.payloadCount(), batch.body().length, partition, splitMaxRecords);
        schedule(0);
    }

    private void stop(ConnectException cause) {
        runScheduled = false;
        engine.fail(cause);
    }

    private void schedule(long delayNanos) {
        runScheduled = true;
        try {
            engine.schedule(this, delayNanos);
        } catch (RejectedExecutionException e) {
            // The engine is closing: nothing more is sent.
            runScheduled = false;
        }
    }

    private static String windowSetting(FailureClass failureClass) {
        return failureClass == FailureClass.CONNECTION
            ? FcSinkConfig.RETRY_CONNECTION_MINUTES : FcSinkConfig.RETRY_OTHER_MINUTES;
    }
}
