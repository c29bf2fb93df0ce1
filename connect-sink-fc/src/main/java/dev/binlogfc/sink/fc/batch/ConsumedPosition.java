package dev.binlogfc.sink.fc.batch;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a sink record was consumed from. Connect 3.6 and newer keep it apart from what transforms made of the record
 * (KIP-793: {@code originalTopic()} and friends); older workers lack those methods, and there the record's own
 * topic, partition and offset are the consumed ones unless a sink-side transform renamed the topic, which those
 * workers cannot commit correctly either.
 */
public final class ConsumedPosition {

    private static final boolean KIP_793 = hasOriginalPosition();

    private ConsumedPosition() {
    }

    public static TopicPartition partition(SinkRecord record) {
        return KIP_793 ? new TopicPartition(record.originalTopic(), record.originalKafkaPartition())
            : new TopicPartition(record.topic(), record.kafkaPartition());
    }

    public static long offset(SinkRecord record) {
        return KIP_793 ? record.originalKafkaOffset() : record.kafkaOffset();
    }

    private static boolean hasOriginalPosition() {
        try {
            SinkRecord.class.getMethod("originalKafkaOffset");
            return true;
        } catch (NoSuchMethodException olderThanConnect36) {
            return false;
        }
    }
}
