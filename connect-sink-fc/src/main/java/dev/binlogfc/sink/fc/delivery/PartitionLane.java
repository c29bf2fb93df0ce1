package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.Batch;
import dev.binlogfc.sink.fc.batch.BatchLimits;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import dev.binlogfc.sink.fc.batch.RecordValueReader;
import dev.binlogfc.sink.fc.config.FcSinkConfig;
import dev.binlogfc.sink.fc.invoke.CallCanceller;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one topic partition on their way to the function, sent one batch at a time in offset order.
 * A batch stays at the head of the queue until the function took it: a retryable failure sends the same batch
 * again after a backoff (other partitions go on meanwhile), a body the function finds too large is cut in
 * halves, and anything else stops the task. A batch the function rejects (a function error, a 5xx, a webhook's
 * batch failure status, failed items) is retried until its {@link RetryBudget} or window is spent; then it is
 * bisected until the rejected records are isolated ({@link PartPlan}), which go to the dead-letter queue (or
 * fail the task) while the rest is delivered in order. Each run is one step, scheduled on the engine's pool, so
 * that a lane waiting for its linger time, throttle or backoff holds no thread. At most one run of a lane is
 * scheduled or running at any time.
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
    /** The parts the head of the queue is being resent in, if any. */
    private final PartPlan parts = new PartPlan();
    /** A record the last step isolated, to be written to the dead-letter queue before the lane goes on. */
    private DeadLetter deadLetter;
    /** Why the records being isolated are no longer retried as a batch. */
    private String budgetSpent = "";
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
        DeadLetter isolated;
        synchronized (this) {
            call = null;
            if (abandoned) {
                runScheduled = false;
                return;
            }
            handle(outcome, batch);
            isolated = deadLetter;
            deadLetter = null;
        }
        if (isolated != null) {
            writeDeadLetter(isolated);
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
        if (parts.nextRows().isPresent() || queuedRows >= limits.maxRecords() || queuedBytes >= limits.maxBytes()) {
            return 0;
        }
        long waited = System.nanoTime() - queue.peekFirst().acceptedAtNanos();
        return engine.settings().linger().toNanos() - waited;
    }

    private BatchLimits currentLimits() {
        BatchLimits limits = engine.settings().limits();
        OptionalInt partRows = parts.nextRows();
        return partRows.isEmpty() ? limits
            : new BatchLimits(Math.min(partRows.getAsInt(), limits.maxRecords()), limits.maxBytes());
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
        } else if (outcome instanceof InvocationOutcome.PartlyDelivered partly) {
            onPartlyDelivered(partly, batch);
        } else if (outcome instanceof InvocationOutcome.Retryable retryable) {
            onRetryable(retryable, batch);
        } else if (outcome instanceof InvocationOutcome.TooLarge tooLarge) {
            onTooLarge(tooLarge, batch);
        } else {
            stop(new ConnectException(((InvocationOutcome.Fatal) outcome).reason()));
        }
    }

    private void onDelivered(Batch batch, String requestId) {
        removeFromQueue(batch.covered());
        inFlight = null;
        retries.onSuccess();
        parts.done(batch.payloadCount());
        engine.delivered(partition, batch);
        log.debug("Delivered {} records of {} up to offset {} ({} bytes), request id {}", batch.payloadCount(),
            partition, batch.lastOffset(), batch.body().length, requestId);
        schedule(0);
    }

    private void removeFromQueue(List<PendingRecord> records) {
        for (PendingRecord record : records) {
            queue.removeFirst();
            if (record.hasRow()) {
                queuedRows--;
                queuedBytes -= record.jsonBytes();
            }
        }
    }

    /**
     * The function processed the records before the first failed one: they are delivered, and only the rest of
     * the batch is sent again, as a failure of its own.
     */
    private void onPartlyDelivered(InvocationOutcome.PartlyDelivered partly, Batch batch) {
        FailedItems failed = FailedItems.locate(batch, partly.failedIds());
        if (failed.unknownIds().isPresent()) {
            onRetryable(OutcomeClassifier.malformed(partly.response(), "it names " + failed.unknownIds().get()
                + ", which are not Canal ids of the batch"), batch);
            return;
        }
        inFlight = null;
        if (failed.firstIndex() > 0) {
            Batch processed = batch.prefix(failed.firstIndex());
            removeFromQueue(processed.covered());
            retries.reset();
            engine.delivered(partition, processed);
        }
        int remainingRows = batch.payloadCount() - failed.rowsBefore();
        parts.resendRemaining(remainingRows);
        InvocationOutcome.Retryable failure = new InvocationOutcome.Retryable(RetryCause.ITEM_FAILURES,
            partly.response().describe() + " reports " + partly.failedIds().size() + " of " + batch.payloadCount()
                + " records failed, the first " + RejectedRecords.describe(queue.peekFirst()),
            partly.response().bodyExcerpt(OutcomeClassifier.BODY_EXCERPT_CHARS), Duration.ZERO, partly.response());
        onRejected(failure, remainingRows, true);
    }

    private void onRetryable(InvocationOutcome.Retryable failure, Batch batch) {
        if (failure.cause().mayBeTheRecords()) {
            onRejected(failure, batch.payloadCount(), batch.payloadCount() == 1);
        } else {
            retryOrStop(failure, batch);
        }
    }

    /**
     * The function rejected the batch at the head of the queue, whose first {@code rows} rows are still to be
     * delivered; {@code firstKnown}: the first of them is known to be rejected. Retried while the budget lasts,
     * then bisected, then isolated.
     */
    private void onRejected(InvocationOutcome.Retryable failure, int rows, boolean firstKnown) {
        if (parts.isolating()) {
            inFlight = null;
            if (firstKnown) {
                isolateHead(failure, budgetSpent + ", and alone it was rejected too");
            } else {
                parts.halve(rows, true);
                engine.metrics().retried(failure.cause());
                log.debug("{} rejected {} records of {} from offset {} again; trying them in halves",
                    engine.invoker().target(), rows, partition, queue.peekFirst().offset());
                schedule(0);
            }
            return;
        }
        RetryTracker.Decision decision = retries.onFailure(failure.failureClass(), failure.retryAfter(),
            engine.clock().instant());
        Optional<String> spent = budgetSpent(decision, failure.failureClass());
        if (spent.isEmpty()) {
            retryLater(failure, rows, (RetryTracker.RetryIn) decision);
        } else {
            startIsolating(failure, rows, firstKnown, spent.get());
        }
    }

    /** Why the batch is not to be retried as a whole any more: its window, attempts or record age; else empty. */
    private Optional<String> budgetSpent(RetryTracker.Decision decision, FailureClass failureClass) {
        if (decision instanceof RetryTracker.GiveUp giveUp) {
            return Optional.of("its batch " + windowReached(giveUp, failureClass));
        }
        return engine.settings().retryBudget().spent(retries.failedAttempts(), oldestRecordTime(),
            engine.clock().instant());
    }

    /** Stops retrying the batch as a whole and tries its rows in parts, or isolates its only row. */
    private void startIsolating(InvocationOutcome.Retryable failure, int rows, boolean firstKnown, String spent) {
        inFlight = null;
        retries.reset();
        long firstOffset = queue.peekFirst().offset();
        budgetSpent = "its batch of " + rows + " records from offset " + firstOffset + " was no longer retried as "
            + spent;
        log.warn("Invoking {} with {} records of {} from offset {} failed ({}); {}; isolating the records it"
            + " rejects", engine.invoker().target(), rows, partition, firstOffset, failure.answer(), spent);
        if (rows == 1) {
            isolateHead(failure, "it was no longer retried as " + spent);
            return;
        }
        if (firstKnown) {
            parts.isolateFirst(rows);
        } else {
            parts.halve(rows, true);
        }
        schedule(0);
    }

    /** The Kafka timestamp of the batch's first record, normally its oldest; null if unknown. */
    private Instant oldestRecordTime() {
        Long timestamp = queue.peekFirst().record().timestamp();
        return timestamp == null || timestamp < 0 ? null : Instant.ofEpochMilli(timestamp);
    }

    /**
     * The first queued row was rejected on its own: it goes to the dead-letter queue and the lane goes on after
     * it, or, without one, the task fails naming it.
     */
    private void isolateHead(InvocationOutcome.Retryable failure, String why) {
        PendingRecord rejected = queue.peekFirst();
        String reason = RejectedRecords.describe(rejected) + " was rejected by " + engine.invoker().target() + ": "
            + why + ". Last answer: " + failure.answer();
        engine.metrics().isolated(failure.cause());
        if (!engine.deadLetterQueue().enabled()) {
            stop(new ConnectException(reason + ". Fix the function and restart the task, or set errors.tolerance=all"
                + " and errors.deadletterqueue.topic.name to send such records to a dead-letter queue"));
            return;
        }
        log.warn("{}; sending it to the dead-letter queue", reason);
        // Written by step() once it has left the lane's lock, so that a slow write never blocks abandon().
        deadLetter = new DeadLetter(rejected, failure, reason);
    }

    /** A rejected record on its way to the dead-letter queue; the lane goes on once it is written. */
    private record DeadLetter(PendingRecord record, InvocationOutcome.Retryable failure, String reason) {
    }

    /** Writes the dead letter the last step isolated, if any, and goes on after its record. */
    private void writeDeadLetter(DeadLetter written) {
        try {
            engine.deadLetterQueue().write(written.record(), written.failure(), written.reason());
        } catch (InterruptedException e) {
            // The engine is closing: the record stays undelivered, and its offset uncommitted.
            Thread.currentThread().interrupt();
            synchronized (this) {
                runScheduled = false;
            }
            return;
        } catch (ConnectException e) {
            synchronized (this) {
                stop(e);
            }
            return;
        }
        synchronized (this) {
            if (abandoned) {
                runScheduled = false;
                return;
            }
            engine.metrics().deadLettered(written.failure().cause().tag());
            List<PendingRecord> done = List.of(queue.peekFirst());
            removeFromQueue(done);
            parts.done(1);
            engine.skipped(partition, done);
            schedule(0);
        }
    }

    private void retryOrStop(InvocationOutcome.Retryable failure, Batch batch) {
        RetryTracker.Decision decision = retries.onFailure(failure.failureClass(), failure.retryAfter(),
            engine.clock().instant());
        if (decision instanceof RetryTracker.GiveUp giveUp) {
            stop(new ConnectException(engine.invoker().target() + " " + windowReached(giveUp,
                failure.failureClass()) + "; giving up on " + partition + " at offset "
                + batch.covered().get(0).offset() + ". Last answer: " + failure.answer()));
            return;
        }
        retryLater(failure, batch.payloadCount(), (RetryTracker.RetryIn) decision);
    }

    private void retryLater(InvocationOutcome.Retryable failure, int rows, RetryTracker.RetryIn retry) {
        engine.metrics().retried(failure.cause());
        log.warn("Invoking {} with {} records of {} failed ({}, failing for {} s): {}; retrying in {} ms. Body: {}",
            engine.invoker().target(), rows, partition, failure.cause().tag(), retry.failingFor().toSeconds(),
            failure.answer(), retry.delay().toMillis(), failure.bodyExcerpt());
        schedule(retry.delay().toNanos());
    }

    private static String windowReached(RetryTracker.GiveUp giveUp, FailureClass failureClass) {
        return "has been failing for " + giveUp.failingFor().toMinutes() + " minutes, reaching "
            + windowSetting(failureClass) + "=" + giveUp.window().toMinutes();
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
        parts.halve(batch.payloadCount(), parts.isolating());
        engine.metrics().retried(RetryCause.TOO_LARGE);
        log.warn("{}: the batch of {} records ({} bytes) of {} is too large; sending it in halves",
            tooLarge.answer(), batch.payloadCount(), batch.body().length, partition);
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
