package dev.binlogfc.sink.fc.batch;

import dev.binlogfc.common.canal.CanalTypes;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record accepted for delivery. {@code row} is its JSON object, or {@code null} for a record that carries
 * nothing to send (a tombstone, or a bad record handed to the dead-letter queue) but whose offset still counts as
 * done once the records before it are delivered. {@code jsonBytes} is the row's size as JSON.
 */
public record PendingRecord(SinkRecord record, JsonRow row, boolean initial, int jsonBytes, long acceptedAtNanos) {

    static PendingRecord withRow(SinkRecord record, JsonRow row, int jsonBytes, long acceptedAtNanos) {
        return new PendingRecord(record, row, CanalTypes.INIT.equals(row.type()), jsonBytes,
            acceptedAtNanos);
    }

    public static PendingRecord withoutRow(SinkRecord record, long acceptedAtNanos) {
        return new PendingRecord(record, null, false, 0, acceptedAtNanos);
    }

    public boolean hasRow() {
        return row != null;
    }

    /** The offset in the partition the record was consumed from (a transform may have renamed the topic). */
    public long offset() {
        return ConsumedPosition.offset(record);
    }

    public TopicPartition partition() {
        return ConsumedPosition.partition(record);
    }

    /** Epoch ms of the change in the source ({@code es}), or -1 when the row has none. */
    public long sourceTimeMillis() {
        return row == null ? -1 : row.sourceTimeMillis();
    }
}
