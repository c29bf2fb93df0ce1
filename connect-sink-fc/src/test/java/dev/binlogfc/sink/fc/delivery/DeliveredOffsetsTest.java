package dev.binlogfc.sink.fc.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DeliveredOffsetsTest {

    private final DeliveredOffsets offsets = new DeliveredOffsets();

    private static SinkRecord record(int partition, long offset) {
        return new SinkRecord("t", partition, null, null, null, Map.of(), offset);
    }

    @Test
    void tracksTheOriginalPartitionWhenATransformRenamedTheTopic() {
        SinkRecord renamed = record(0, 5).newRecord("renamed", 3, null, null, null, Map.of(), null);

        offsets.markDelivered(List.of(renamed));

        assertThat(offsets.committable(List.of(new TopicPartition("t", 0), new TopicPartition("renamed", 3))))
            .containsExactly(Map.entry(new TopicPartition("t", 0), new OffsetAndMetadata(6)));
        assertThat(offsets.undelivered(List.of(record(0, 5), record(0, 6)))).containsExactly(record(0, 6));
    }

    @Test
    void neverMovesBackwards() {
        offsets.markDelivered(List.of(record(0, 9)));
        offsets.markDelivered(List.of(record(0, 3)));

        assertThat(offsets.committable(List.of(new TopicPartition("t", 0))))
            .containsExactly(Map.entry(new TopicPartition("t", 0), new OffsetAndMetadata(10)));
    }
}
