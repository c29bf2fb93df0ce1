package dev.binlogfc.sink.fc.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DeliveredOffsetsTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);
    private final DeliveredOffsets offsets = new DeliveredOffsets();

    @Test
    void commitsTheOffsetAfterTheLastDeliveredOneOfKnownPartitionsOnly() {
        offsets.markDelivered(PARTITION, 5);

        assertThat(offsets.committable(List.of(PARTITION, new TopicPartition("t", 1))))
            .containsExactly(Map.entry(PARTITION, new OffsetAndMetadata(6)));
    }

    @Test
    void neverMovesBackwards() {
        offsets.markDelivered(PARTITION, 9);
        offsets.markDelivered(PARTITION, 3);

        assertThat(offsets.committable(List.of(PARTITION)))
            .containsExactly(Map.entry(PARTITION, new OffsetAndMetadata(10)));
    }

    @Test
    void forgetsPartitionsGivenUp() {
        offsets.markDelivered(PARTITION, 9);

        offsets.forget(List.of(PARTITION));

        assertThat(offsets.committable(List.of(PARTITION))).isEmpty();
    }
}
