package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.PendingRecord;
import java.util.Collection;
import java.util.Deque;

/**
 * Decides which queued records of a partition the next batch may take while other batches of the partition are in
 * flight (setting delivery.order). Used under the lane's lock.
 */
interface RecordOrder {

    static RecordOrder of(DeliverySettings settings) {
        return settings.order() == DeliveryOrder.KEY
            ? new KeyOrder(settings.maxBatchesInFlightPerPartition(), settings.limits().maxRecords())
            : new PartitionOrder();
    }

    /** The most batches of the partition in flight at once. */
    int maxInFlight();

    /**
     * The queued records the next batch may take, in offset order; the batch takes as many of them from the start
     * as fit its limits.
     */
    Iterable<PendingRecord> eligible(Deque<PendingRecord> queue);

    /** The records of a batch now in flight: others may not overtake them. */
    void hold(Collection<PendingRecord> records);

    /** The records of a batch that is done: those waiting behind them may go. */
    void release(Collection<PendingRecord> records);

    /** One batch at a time: the next batch is the head of the queue. */
    final class PartitionOrder implements RecordOrder {

        @Override
        public int maxInFlight() {
            return 1;
        }

        @Override
        public Iterable<PendingRecord> eligible(Deque<PendingRecord> queue) {
            return queue;
        }

        @Override
        public void hold(Collection<PendingRecord> records) {
            // The one batch in flight is the only thing that holds the partition.
        }

        @Override
        public void release(Collection<PendingRecord> records) {
            // As hold.
        }
    }
}
