package dev.binlogfc.sink.fc.delivery;

import static dev.binlogfc.sink.fc.delivery.LaneRig.ddl;
import static dev.binlogfc.sink.fc.delivery.LaneRig.otherTableRow;
import static dev.binlogfc.sink.fc.delivery.LaneRig.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A lane under key order, driven step by step: the batch cut last runs first wherever it may, so that a batch that
 * could overtake another of the same key would show up as keys out of order.
 */
class KeyOrderLaneTest {

    private final LaneRig rig = new LaneRig(DeliveryOrder.KEY, 1, 8, Duration.ZERO);

    private void deliverAll() {
        rig.scheduler.runAllDueLatestFirst();
        assertThat(rig.failures).isEmpty();
    }

    @Test
    void aKeyAlreadyInFlightWaitsWhileOtherKeysOvertake() {
        rig.accept(row(0, 1), row(1, 2), row(2, 1), row(3, 3));
        rig.scheduler.runLatestDue();

        assertThat(rig.pendingSteps()).as("offsets 0, 1 and 3 in flight; 2 waits for 0 (key 1)").isEqualTo(3);
        deliverAll();

        assertThat(rig.sender.takenCalls()).containsExactly(List.of(3L), List.of(1L), List.of(0L), List.of(2L));
        assertThat(rig.committable).last().isEqualTo(4L);
    }

    @Test
    void collidingKeysArriveInOffsetOrderUnderConcurrency() {
        long[] keys = {1, 2, 1, 3, 2, 1, 4, 1, 5, 6, 2, 1, 7, 3, 3, 1};
        LaneRig wide = new LaneRig(DeliveryOrder.KEY, 2, 4, Duration.ZERO);
        for (int offset = 0; offset < keys.length; offset++) {
            wide.accept(row(offset, keys[offset]));
        }
        wide.scheduler.runLatestDue();
        assertThat(wide.pendingSteps()).as("several batches in flight").isGreaterThan(1);
        wide.scheduler.runAllDueLatestFirst();

        List<Long> taken = wide.sender.takenIds();
        assertThat(taken).containsExactlyInAnyOrder(LongStream.range(0, keys.length).boxed()
            .toArray(Long[]::new));
        for (long key : new long[] {1, 2, 3}) {
            List<Long> offsetsOfKey = taken.stream().filter(offset -> keys[offset.intValue()] == key).toList();
            assertThat(offsetsOfKey).as("offsets of key %d", key).isSorted();
        }
        assertThat(taken).as("later batches overtook earlier ones of other keys").isNotEqualTo(
            taken.stream().sorted().toList());
    }

    @Test
    void aDdlWaitsForEveryEarlierRowOfItsTableAndHoldsBackEveryLaterOne() {
        rig.accept(row(0, 1), row(1, 2), ddl(2, "orders"), row(3, 3), otherTableRow(4, 1));
        rig.scheduler.runLatestDue();

        assertThat(rig.pendingSteps()).as("0, 1 and the other table's 4 in flight").isEqualTo(3);
        deliverAll();

        assertThat(rig.sender.takenCalls())
            .containsExactly(List.of(4L), List.of(1L), List.of(0L), List.of(2L), List.of(3L));
    }

    @Test
    void anUpdateOfThePrimaryKeyWaitsForBothKeysAndIsNeverOvertaken() {
        // Key 2 is deleted, then key 1 becomes key 2, then a new key 1 is inserted; key 3 is unrelated.
        rig.accept(row(0, "DELETE", 2, null), row(1, "UPDATE", 2, 1L), row(2, "INSERT", 1, null), row(3, 3));
        rig.scheduler.runLatestDue();

        assertThat(rig.pendingSteps()).as("0 and 3 in flight; 1 waits for key 2, 2 for key 1 held by 1")
            .isEqualTo(2);
        deliverAll();

        assertThat(rig.sender.takenCalls()).containsExactly(List.of(3L), List.of(0L), List.of(1L), List.of(2L));
    }

    @Test
    void anUpdateOfThePrimaryKeyWaitsForItsOldKey() {
        rig.accept(row(0, "INSERT", 1, null), row(1, "UPDATE", 2, 1L), row(2, 3));
        rig.scheduler.runLatestDue();
        deliverAll();

        assertThat(rig.sender.takenCalls()).containsExactly(List.of(2L), List.of(0L), List.of(1L));
    }

    @Test
    void commitsOnlyUpToTheLowestUndeliveredOffset() {
        rig.accept(row(0, 1), row(1, 2), row(2, 3), row(3, 4), row(4, 5), row(5, 6));
        rig.scheduler.runLatestDue();
        assertThat(rig.pendingSteps()).isEqualTo(6);

        deliverAll();

        assertThat(rig.sender.takenCalls()).first().isEqualTo(List.of(5L));
        assertThat(rig.committable).as("offset 0, delivered last, held every commit back").hasSize(6)
            .containsExactly(0L, 0L, 0L, 0L, 0L, 6L);
    }

    @Test
    void aBatchWaitingForItsRetryHoldsItsKeyAndTheCommitWhileOtherKeysGoOn() {
        rig.accept(row(0, 1), row(1, 2), row(2, 1), row(3, 2));
        rig.sender.answerNext(1, 503);
        rig.scheduler.runLatestDue();
        rig.scheduler.runAllDueLatestFirst();

        assertThat(rig.sender.takenCalls()).as("key 1 went on; key 2 waits for offset 1's retry")
            .containsExactly(List.of(0L), List.of(2L));
        assertThat(rig.committable).last().isEqualTo(1L);
        assertThat(rig.pendingSteps()).as("only the retry, due after its backoff").isEqualTo(1);

        rig.scheduler.advanceNanos(LaneRig.BACKOFF_MAX.toNanos());
        deliverAll();

        assertThat(rig.sender.takenCalls()).containsExactly(List.of(0L), List.of(2L), List.of(1L), List.of(3L));
        assertThat(rig.committable).last().isEqualTo(4L);
    }

    @Test
    void partitionOrderKeepsOneBatchInFlight() {
        LaneRig partitionOrder = new LaneRig(DeliveryOrder.PARTITION, 1, 8, Duration.ZERO);
        partitionOrder.accept(row(0, 1), row(1, 2), row(2, 3));
        partitionOrder.scheduler.runLatestDue();

        assertThat(partitionOrder.pendingSteps()).isEqualTo(1);
        partitionOrder.scheduler.runAllDueLatestFirst();
        assertThat(partitionOrder.sender.takenIds()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aBatchThatIsNotFullWaitsForItsLingerTime() {
        LaneRig lingering = new LaneRig(DeliveryOrder.KEY, 10, 4, Duration.ofMillis(50));
        lingering.accept(row(0, 1), row(1, 2));
        lingering.scheduler.runLatestDue();
        lingering.scheduler.advanceNanos(Duration.ofMillis(49).toNanos());

        assertThat(lingering.scheduler.runLatestDue()).as("nothing due before the linger time").isFalse();
        assertThat(lingering.sender.takenCalls()).isEmpty();

        lingering.scheduler.advanceNanos(Duration.ofMillis(1).toNanos());
        lingering.scheduler.runAllDueLatestFirst();
        assertThat(lingering.sender.takenCalls()).containsExactly(List.of(0L, 1L));
    }
}
