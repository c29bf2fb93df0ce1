package dev.binlogfc.sink.fc.batch;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The last offset of each partition up to which every record was delivered (or needed no delivery). Written by
 * the delivery threads, read by the task's thread when Connect asks what to commit.
 */
public final class DeliveredOffsets {

    private final Map<TopicPartition, Long> lastDelivered = new ConcurrentHashMap<>();

    /** Records up to and including {@code offset} of {@code partition} are done; offsets never move back. */
    public void markDelivered(TopicPartition partition, long offset) {
        lastDelivered.merge(partition, offset, Math::max);
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
}
