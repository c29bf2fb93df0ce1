package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.Batch;
import dev.binlogfc.sink.fc.batch.BatchLimits;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import dev.binlogfc.sink.fc.batch.RecordValueReader;
import dev.binlogfc.sink.fc.invoke.CallCanceller;
import dev.binlogfc.sink.fc.invoke.FailureClass;
import dev.binlogfc.sink.fc.invoke.RetryCause;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch a {@link PartitionLane} cut, on its way to the function until every record of it is done. A retryable
 * failure sends the same body again after a backoff (other batches go on meanwhile), a body the function finds too
 * large is cut in halves, and anything else stops the task. A batch the function rejects (a function error, a 5xx,
 * a webhook's batch failure status, failed items) is retried until its {@link RetryBudget} or window is spent; then
 * it is bisected until the rejected records are isolated ({@link PartPlan}), which go to the dead-letter queue (or
 * fail the task) while the rest is delivered in order. Each run is one step on the lane's scheduler, so that a batch
 * waiting for its throttle or backoff holds no thread; at most one step of a batch is scheduled or running at any
 * time. Its state is guarded by the lane's lock.
 */
final class BatchDelivery implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    private final PartitionLane lane;
    private final LaneServices services;
    private final RetryTracker retries;
    /** The records not yet done, in offset order; the head of what is left is always sent next. */
    private final Deque<PendingRecord> records;
    private final List<PendingRecord> covered;
    /** The body being delivered; kept across retries so that every attempt sends the same body. */
    private Batch inFlight;
    private boolean throttled;
    private CallCanceller call;
    /** The parts the records are being resent in, if any. */
    private final PartPlan parts = new PartPlan();
    /** A record the last step isolated, to be written to the dead-letter queue before the batch goes on. */
    private DeadLetter deadLetter;
    /** Why the records being isolated are no longer retried as a batch. */
    private String budgetSpent = "";

    BatchDelivery(PartitionLane lane, LaneServices services, RetryTracker retries, Batch batch) {
        this.lane = lane;
        this.services = services;
        this.retries = retries;
        this.covered = batch.covered();
        this.records = new ArrayDeque<>(batch.covered());
        this.inFlight = batch;
    }

    /** Every record the batch was cut with, done or not. */
    List<PendingRecord> covered() {
        return covered;
    }

    /** Aborts the call in flight, if any. Under the lane's lock. */
    void cancel() {
        if (call != null) {
            call.cancel();
        }
    }

    @Override
    public void run() {
        try {
            step();
        } catch (RuntimeException e) {
            lane.fail(new ConnectException("Delivering " + lane.partition() + " to " + services.sender().target()
                + " failed unexpectedly: " + e, e));
        }
    }

    private void step() {
        Batch batch;
        CallCanceller canceller;
        synchronized (lane) {
            if (lane.stopped()) {
                return;
            }
            if (inFlight == null) {
                inFlight = services.batchBuilder().build(records, currentLimits(), services.clock().millis());
                throttled = false;
            }
            if (!throttled) {
                throttled = true;
                long throttleWait = services.throttle().reserve(inFlight.cost(), services.ticker().nanoTime());
                if (throttleWait > 0) {
                    schedule(throttleWait);
                    return;
                }
            }
            batch = inFlight;
            canceller = new CallCanceller();
            call = canceller;
        }
        InvocationOutcome outcome = invoke(batch, canceller);
        DeadLetter isolated;
        synchronized (lane) {
            call = null;
            if (lane.stopped()) {
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

    private BatchLimits currentLimits() {
        BatchLimits limits = services.settings().limits();
        OptionalInt partRows = parts.nextRows();
        return partRows.isEmpty() ? limits
            : new BatchLimits(Math.min(partRows.getAsInt(), limits.maxRecords()), limits.maxBytes());
    }

    private InvocationOutcome invoke(Batch batch, CallCanceller canceller) {
        long started = services.ticker().nanoTime();
        InvocationOutcome outcome;
        try {
            outcome = services.classifier().classify(services.sender().invoke(batch.body(), canceller));
        } catch (IOException e) {
            outcome = services.classifier().classify(e);
        }
        services.metrics().invocationFinished(Duration.ofNanos(services.ticker().nanoTime() - started));
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
            lane.fail(new ConnectException(((InvocationOutcome.Fatal) outcome).reason()));
        }
    }

    private void onDelivered(Batch batch, String requestId) {
        inFlight = null;
        retries.onSuccess();
        parts.done(batch.payloadCount());
        log.debug("Delivered {} records of {} up to offset {} ({} bytes), request id {}", batch.payloadCount(),
            lane.partition(), batch.lastOffset(), batch.body().length, requestId);
        delivered(batch);
    }

    /** Reports the records of {@code batch} done, and goes on with the rest, or ends the batch if none is left. */
    private void delivered(Batch batch) {
        countDelivered(batch);
        done(batch.covered());
    }

    private void countDelivered(Batch batch) {
        if (batch.needsInvocation()) {
            services.metrics().batchDelivered(batch.payloadCount(), batch.body().length,
                batch.lastSourceTimeMillis());
        }
    }

    /** The first records still to be delivered are done. */
    private void markDone(List<PendingRecord> done) {
        for (int i = 0; i < done.size(); i++) {
            records.removeFirst();
        }
        lane.done(done);
    }

    private void done(List<PendingRecord> done) {
        markDone(done);
        if (records.isEmpty()) {
            lane.finished(this);
        } else if (inFlight == null) {
            schedule(0);
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
        int remainingRows = batch.payloadCount() - failed.rowsBefore();
        parts.resendRemaining(remainingRows);
        if (failed.firstIndex() > 0) {
            retries.reset();
            Batch processed = batch.prefix(failed.firstIndex());
            countDelivered(processed);
            markDone(processed.covered());
        }
        InvocationOutcome.Retryable failure = new InvocationOutcome.Retryable(RetryCause.ITEM_FAILURES,
            partly.response().describe() + " reports " + partly.failedIds().size() + " of " + batch.payloadCount()
                + " records failed, the first " + RejectedRecords.describe(records.peekFirst()),
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
     * The function rejected the first {@code rows} rows still to be delivered; {@code firstKnown}: the first of
     * them is known to be rejected. Retried while the budget lasts, then bisected, then isolated.
     */
    private void onRejected(InvocationOutcome.Retryable failure, int rows, boolean firstKnown) {
        if (parts.isolating()) {
            inFlight = null;
            if (firstKnown) {
                isolateHead(failure, budgetSpent + ", and alone it was rejected too");
            } else {
                parts.halve(rows, true);
                services.metrics().retried(failure.cause());
                log.debug("{} rejected {} records of {} from offset {} again; trying them in halves",
                    services.sender().target(), rows, lane.partition(), records.peekFirst().offset());
                schedule(0);
            }
            return;
        }
        RetryTracker.Decision decision = retries.onFailure(failure.failureClass(), failure.retryAfter(),
            services.clock().instant());
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
        return services.settings().retryBudget().spent(retries.failedAttempts(), oldestRecordTime(),
            services.clock().instant());
    }

    /** Stops retrying the batch as a whole and tries its rows in parts, or isolates its only row. */
    private void startIsolating(InvocationOutcome.Retryable failure, int rows, boolean firstKnown, String spent) {
        inFlight = null;
        retries.reset();
        long firstOffset = records.peekFirst().offset();
        budgetSpent = "its batch of " + rows + " records from offset " + firstOffset + " was no longer retried as "
            + spent;
        log.warn("Invoking {} with {} records of {} from offset {} failed ({}); {}; isolating the records it"
            + " rejects", services.sender().target(), rows, lane.partition(), firstOffset, failure.answer(), spent);
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

    /** The Kafka timestamp of the first record still to be delivered, normally its oldest; null if unknown. */
    private Instant oldestRecordTime() {
        Long timestamp = records.peekFirst().record().timestamp();
        return timestamp == null || timestamp < 0 ? null : Instant.ofEpochMilli(timestamp);
    }

    /**
     * The first row still to be delivered was rejected on its own: it goes to the dead-letter queue and the batch
     * goes on after it, or, without one, the task fails naming it.
     */
    private void isolateHead(InvocationOutcome.Retryable failure, String why) {
        PendingRecord rejected = records.peekFirst();
        String reason = RejectedRecords.describe(rejected) + " was rejected by " + services.sender().target() + ": "
            + why + ". Last answer: " + failure.answer();
        services.metrics().isolated(failure.cause());
        if (!services.deadLetterQueue().enabled()) {
            lane.fail(new ConnectException(reason + ". Fix the function and restart the task, or set"
                + " errors.tolerance=all and errors.deadletterqueue.topic.name to send such records to a dead-letter"
                + " queue"));
            return;
        }
        log.warn("{}; sending it to the dead-letter queue", reason);
        // Written by step() once it has left the lane's lock, so that a slow write never blocks abandon().
        deadLetter = new DeadLetter(rejected, failure, reason);
    }

    /** A rejected record on its way to the dead-letter queue; the batch goes on once it is written. */
    private record DeadLetter(PendingRecord record, InvocationOutcome.Retryable failure, String reason) {
    }

    /** Writes the dead letter the last step isolated and goes on after its record. */
    private void writeDeadLetter(DeadLetter written) {
        try {
            services.deadLetterQueue().write(written.record(), written.failure(), written.reason());
        } catch (InterruptedException e) {
            // The engine is closing: the record stays undelivered, and its offset uncommitted.
            Thread.currentThread().interrupt();
            return;
        } catch (ConnectException e) {
            lane.fail(e);
            return;
        }
        synchronized (lane) {
            if (lane.stopped()) {
                return;
            }
            services.metrics().deadLettered(written.failure().cause().tag());
            parts.done(1);
            done(List.of(records.peekFirst()));
        }
    }

    private void retryOrStop(InvocationOutcome.Retryable failure, Batch batch) {
        RetryTracker.Decision decision = retries.onFailure(failure.failureClass(), failure.retryAfter(),
            services.clock().instant());
        if (decision instanceof RetryTracker.GiveUp giveUp) {
            lane.fail(new ConnectException(services.sender().target() + " " + windowReached(giveUp,
                failure.failureClass()) + "; giving up on " + lane.partition() + " at offset "
                + batch.covered().get(0).offset() + ". Last answer: " + failure.answer()));
            return;
        }
        retryLater(failure, batch.payloadCount(), (RetryTracker.RetryIn) decision);
    }

    private void retryLater(InvocationOutcome.Retryable failure, int rows, RetryTracker.RetryIn retry) {
        services.metrics().retried(failure.cause());
        log.warn("Invoking {} with {} records of {} failed ({}, failing for {} s): {}; retrying in {} ms. Body: {}",
            services.sender().target(), rows, lane.partition(), failure.cause().tag(),
            retry.failingFor().toSeconds(), failure.answer(), retry.delay().toMillis(), failure.bodyExcerpt());
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
            lane.fail(new ConnectException(tooLarge.answer() + " for a batch holding only "
                + RecordValueReader.position(record.record()) + " (table " + record.row().database()
                + "." + record.row().table() + ", key " + RecordValueReader.keyText(record.record()) + ", "
                + record.jsonBytes() + " bytes as JSON); lower " + DeliverySettings.BATCH_MAX_BYTES
                + " below the function's request limit so that such records go to the dead-letter queue"));
            return;
        }
        parts.halve(batch.payloadCount(), parts.isolating());
        services.metrics().retried(RetryCause.TOO_LARGE);
        log.warn("{}: the batch of {} records ({} bytes) of {} is too large; sending it in halves",
            tooLarge.answer(), batch.payloadCount(), batch.body().length, lane.partition());
        schedule(0);
    }

    /** Runs the next step after {@code delayNanos}; the lane's scheduler refuses it only when delivery stops. */
    private void schedule(long delayNanos) {
        try {
            services.scheduler().schedule(this, delayNanos);
        } catch (RejectedExecutionException e) {
            // The engine is closing: nothing more is sent.
        }
    }

    private static String windowSetting(FailureClass failureClass) {
        return failureClass == FailureClass.CONNECTION
            ? DeliverySettings.RETRY_CONNECTION_MINUTES : DeliverySettings.RETRY_OTHER_MINUTES;
    }
}
