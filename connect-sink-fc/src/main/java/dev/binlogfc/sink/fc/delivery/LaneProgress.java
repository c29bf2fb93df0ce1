package dev.binlogfc.sink.fc.delivery;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/** How lanes report to their engine: records done, the offset that may be committed, and failures. */
interface LaneProgress {

    /**
     * {@code records} more records of {@code partition} are done (delivered, dead-lettered or needing no call);
     * every record before {@code nextToCommit} is done.
     */
    void done(TopicPartition partition, int records, long nextToCommit);

    /** Delivery stops, and the task fails with {@code cause}; the first cause wins. */
    void fail(ConnectException cause);

    /** Whether delivery has stopped, after a failure or because the task is stopping. */
    boolean halted();
}
