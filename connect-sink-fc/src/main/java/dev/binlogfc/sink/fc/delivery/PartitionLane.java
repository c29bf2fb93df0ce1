package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.Batch;
import dev.binlogfc.sink.fc.batch.BatchLimits;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The records of one topic partition on their way to the function. The lane queues them in offset order and cuts
 * batches from the queue, each delivered by a {@link BatchDelivery} until all its records are done: under partition
 * order one batch at a time from the head of the queue, under key order up to a bound at once, each of records that
 * overlap no batch in flight ({@link RecordOrder}). The offset to commit is the lowest one not yet done. Cutting is
 * a step on the scheduler too, so that a lane waiting for its linger time holds no thread; at most one is
 * scheduled or running at any time. The lane's lock guards its state and that of its batches.
 */
final class PartitionLane implements Runnable {

    private final TopicPartition partition;
    private final LaneServices services;
    private final RecordOrder order;
    /** Shared by the lane's batches, under the lane's lock. */
    private final Backoff backoff;
    private final Deque<PendingRecord> queue = new ArrayDeque<>();
    private final UndeliveredOffsets undelivered = new UndeliveredOffsets();
    private final List<BatchDelivery> inFlight = new ArrayList<>();
    private long lastAcceptedOffset = -1;
    private int queuedRows;
    private long queuedBytes;
    private boolean cutScheduled;
    private boolean abandoned;

    PartitionLane(TopicPartition partition, LaneServices services, Backoff backoff) {
        this.partition = partition;
        this.services = services;
        this.order = RecordOrder.of(services.settings());
        this.backoff = backoff;
    }

    TopicPartition partition() {
        return partition;
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
            undelivered.accepted(record.offset());
            lastAcceptedOffset = record.offset();
            if (record.hasRow()) {
                queuedRows++;
                queuedBytes += record.jsonBytes();
            }
            queued++;
        }
        if (queued > 0) {
            scheduleCut(0);
        }
        return queued;
    }

    /** Whether every record the lane accepted is done. */
    synchronized boolean allDone() {
        return undelivered.size() == 0;
    }

    /** Stops the lane and aborts its calls in flight; returns how many records it dropped. */
    synchronized int abandon() {
        abandoned = true;
        inFlight.forEach(BatchDelivery::cancel);
        queue.clear();
        return undelivered.size();
    }

    @Override
    public void run() {
        try {
            cut();
        } catch (RuntimeException e) {
            fail(new ConnectException("Delivering " + partition + " to " + services.sender().target()
                + " failed unexpectedly: " + e, e));
        }
    }

    /** Cuts and starts as many batches as may be in flight and are due. */
    private synchronized void cut() {
        cutScheduled = false;
        if (stopped()) {
            return;
        }
        completeLeadingRecordsWithoutRow();
        while (queuedRows > 0 && inFlight.size() < order.maxInFlight()) {
            long lingerLeft = lingerLeftNanos();
            if (lingerLeft > 0) {
                scheduleCut(lingerLeft);
                return;
            }
            Batch batch = services.batchBuilder().build(order.eligible(queue), services.settings().limits(),
                services.clock().millis());
            if (!batch.needsInvocation()) {
                // Every queued row waits for a batch in flight; the lane cuts again when one is done.
                return;
            }
            take(batch.covered());
            order.hold(batch.covered());
            BatchDelivery delivery = new BatchDelivery(this, services, new RetryTracker(
                services.settings().connectionRetryWindow(), services.settings().otherRetryWindow(), backoff), batch);
            inFlight.add(delivery);
            schedule(delivery, 0);
        }
    }

    /** Tombstones and dead-lettered records at the head need no call: they are done once all before them are. */
    private void completeLeadingRecordsWithoutRow() {
        List<PendingRecord> done = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peekFirst().hasRow()) {
            done.add(queue.removeFirst());
        }
        if (!done.isEmpty()) {
            done(done);
        }
    }

    private long lingerLeftNanos() {
        BatchLimits limits = services.settings().limits();
        if (queuedRows >= limits.maxRecords() || queuedBytes >= limits.maxBytes()) {
            return 0;
        }
        long waited = services.ticker().nanoTime() - queue.peekFirst().acceptedAtNanos();
        return services.settings().linger().toNanos() - waited;
    }

    /** Takes the records of a new batch out of the queue: its head, or under key order any of its records. */
    private void take(List<PendingRecord> taken) {
        Iterator<PendingRecord> queued = queue.iterator();
        for (PendingRecord record : taken) {
            while (queued.next() != record) {
                // Records the batch passed over stay queued.
            }
            queued.remove();
            if (record.hasRow()) {
                queuedRows--;
                queuedBytes -= record.jsonBytes();
            }
        }
    }

    // What the lane's batches report, under the lane's lock.

    /** {@code records} are delivered, dead-lettered, or needed no call. */
    void done(List<PendingRecord> records) {
        records.forEach(record -> undelivered.done(record.offset()));
        services.progress().done(partition, records.size(), undelivered.nextToCommit());
    }

    /** Every record of {@code delivery} is done: the records waiting for it may go. */
    void finished(BatchDelivery delivery) {
        inFlight.remove(delivery);
        order.release(delivery.covered());
        scheduleCut(0);
    }

    boolean stopped() {
        return abandoned || services.progress().halted();
    }

    void fail(ConnectException cause) {
        services.progress().fail(cause);
    }

    private void scheduleCut(long delayNanos) {
        if (cutScheduled || abandoned) {
            return;
        }
        cutScheduled = schedule(this, delayNanos);
    }

    /** False when the scheduler refused the step: the engine is closing, and nothing more is sent. */
    private boolean schedule(Runnable step, long delayNanos) {
        try {
            services.scheduler().schedule(step, delayNanos);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
