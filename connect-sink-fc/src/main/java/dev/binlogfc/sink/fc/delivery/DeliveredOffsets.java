package dev.binlogfc.sink.fc.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The highest delivered offset of each partition. Connect hands a failed put's records over again, and after a
 * rebalance re-reads from the last commit; records at or below the delivered offset are not sent twice.
 */
public final class DeliveredOffsets {

    private final Map<TopicPartition, Long> lastDelivered = new HashMap<>();

    /** The records not delivered yet, in their original order. */
    public List<SinkRecord> undelivered(Collection<SinkRecord> records) {
        List<SinkRecord> pending = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            Long delivered = lastDelivered.get(partitionOf(record));
            if (delivered == null || record.originalKafkaOffset() > delivered) {
                pending.add(record);
            }
        }
        return pending;
    }

    public void markDelivered(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            lastDelivered.merge(partitionOf(record), record.originalKafkaOffset(), Math::max);
        }
    }

    /** The offsets to commit for {@code partitions}: the next offset after the last delivered one, where known. */
    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long delivered = lastDelivered.get(partition);
            if (delivered != null) {
                offsets.put(partition, new OffsetAndMetadata(delivered + 1));
            }
        }
        return offsets;
    }

    /** Drops partitions this task no longer owns; whoever owns them next starts from the committed offsets. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(lastDelivered::remove);
    }

    private static TopicPartition partitionOf(SinkRecord record) {
        // Offsets are committed for the partition the record was consumed from, even if a transform renamed it.
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }
}
