package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.TIMEOUT;
import static dev.binlogfc.sink.fc.SinkTaskHarness.partition;
import static dev.binlogfc.sink.fc.SinkTaskHarness.row;
import static dev.binlogfc.sink.fc.SinkTaskHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Order per partition under concurrency, committed offsets, rebalances, stop and backpressure. */
class DeliveryConcurrencyTest extends AgainstLocalEndpoint {

    private static final int PARTITIONS = 4;
    private static final String DELIVERY_THREAD_PREFIX = "fc-sink-delivery-";
    /** Far beyond the microseconds a delivery thread takes to exit after its pool reports termination. */
    private static final long THREAD_EXIT_MILLIS = 1_000;

    private Map<Integer, List<Long>> receivedOffsetsByPartition() {
        Map<Integer, List<Long>> offsets = new HashMap<>();
        fc.receivedBatches().stream().flatMap(batch -> batch.records().stream()).forEach(record -> {
            long id = record.path("id").asLong();
            offsets.computeIfAbsent((int) (id / 1_000_000), unused -> new ArrayList<>()).add(id % 1_000_000);
        });
        return offsets;
    }

    /** {@code count} records of each partition, interleaved, cut into puts of {@code putSize}. */
    private static List<List<SinkRecord>> interleavedPuts(int count, int putSize) {
        List<SinkRecord> all = new ArrayList<>();
        for (long offset = 0; offset < count; offset++) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                all.add(row(partition, offset));
            }
        }
        List<List<SinkRecord>> puts = new ArrayList<>();
        for (int from = 0; from < all.size(); from += putSize) {
            puts.add(all.subList(from, Math.min(all.size(), from + putSize)));
        }
        return puts;
    }

    @Test
    void deliversPartitionsInParallelButEachInOffsetOrderWithOneBatchInFlight() throws Exception {
        sink = SinkTaskHarness.start(fc, "batch.max.records", "10", "max.concurrent.invocations", "4");
        fc.faults().delayResponses(Duration.ofMillis(30));

        for (List<SinkRecord> put : interleavedPuts(200, 37)) {
            sink.task.put(put);
        }
        fc.awaitRecords(PARTITIONS * 200, TIMEOUT);

        List<Long> expected = LongStream.range(0, 200).boxed().toList();
        assertThat(receivedOffsetsByPartition()).hasSize(PARTITIONS)
            .allSatisfy((partition, offsets) -> assertThat(offsets).containsExactlyElementsOf(expected));
        assertThat(fc.highestConcurrency()).as("partitions were delivered in parallel").isEqualTo(PARTITIONS);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            sink.awaitCommittable(partition(partition), 200);
        }
    }

    @Test
    void neverRunsMoreInvocationsThanConfigured() throws Exception {
        sink = SinkTaskHarness.start(fc, "batch.max.records", "5", "max.concurrent.invocations", "2");
        fc.faults().delayResponses(Duration.ofMillis(30));

        for (List<SinkRecord> put : interleavedPuts(40, 50)) {
            sink.task.put(put);
        }
        fc.awaitRecords(PARTITIONS * 40, TIMEOUT);

        assertThat(fc.highestConcurrency()).isEqualTo(2);
    }

    @Test
    void neverCommitsAnOffsetTheFunctionHasNotAcknowledged() throws Exception {
        sink = SinkTaskHarness.start(fc, "batch.max.records", "7", "max.concurrent.invocations", "3");
        fc.faults().delayResponses(Duration.ofMillis(15));
        for (List<SinkRecord> put : interleavedPuts(150, 60)) {
            sink.task.put(put);
        }

        TopicPartition[] partitions = {partition(0), partition(1), partition(2), partition(3)};
        int samples = 0;
        boolean done = false;
        while (!done) {
            Map<TopicPartition, OffsetAndMetadata> committable = sink.committable(partitions);
            // The endpoint records a batch before it answers, so whatever is committable must have been received.
            Map<Integer, List<Long>> received = receivedOffsetsByPartition();
            committable.forEach((partition, offset) -> assertThat(received.get(partition.partition()))
                .as("received records of %s when %s was committable", partition, offset)
                .contains(offset.offset() - 1));
            done = committable.size() == PARTITIONS
                && committable.values().stream().allMatch(offset -> offset.offset() == 150);
            samples++;
            Thread.sleep(5);
        }
        assertThat(samples).as("committable offsets were sampled while delivery went on").isGreaterThan(10);
    }

    @Test
    void aRebalanceAbandonsTheRevokedPartitionsCallInFlightAndCommitsNothingForIt() throws Exception {
        sink = SinkTaskHarness.start(fc, "batch.max.records", "5");
        sink.task.put(rows(1, 0, 4));
        fc.awaitRecords(5, TIMEOUT);
        sink.awaitCommittable(partition(1), 5);
        fc.faults().delayResponses(Duration.ofSeconds(2));

        sink.task.put(rows(0, 0, 9));
        Thread.sleep(300);
        long closing = System.nanoTime();
        sink.task.close(List.of(partition(0)));

        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofMillis(500));
        Thread.sleep(2500);
        assertThat(sink.committable(partition(0), partition(1)))
            .containsExactly(Map.entry(partition(1), new OffsetAndMetadata(5)));
        assertThat(receivedOffsetsByPartition().getOrDefault(0, List.of()))
            .as("at most the batch in flight when the partition was revoked, never the next one")
            .isSubsetOf(0L, 1L, 2L, 3L, 4L);
        sink.assertStillRunning();
    }

    @Test
    void aReassignedPartitionStartsAfreshFromWhatConnectHandsOver() throws Exception {
        sink = SinkTaskHarness.start(fc);
        sink.task.put(rows(0, 0, 4));
        fc.awaitRecords(5, TIMEOUT);
        sink.task.close(List.of(partition(0)));

        sink.task.put(rows(0, 3, 6));
        fc.awaitRecords(9, TIMEOUT);

        assertThat(receivedOffsetsByPartition().get(0)).containsExactly(0L, 1L, 2L, 3L, 4L, 3L, 4L, 5L, 6L);
        sink.awaitCommittable(partition(0), 7);
    }

    @Test
    void stopAbandonsCallsInFlightAndEndsEveryDeliveryThread() throws Exception {
        sink = SinkTaskHarness.start(fc, "max.concurrent.invocations", "3");
        fc.faults().delayResponses(Duration.ofSeconds(5));
        sink.task.put(rows(0, 0, 2));
        sink.task.put(rows(1, 0, 2));
        sink.task.put(rows(2, 0, 2));
        SinkTaskHarness.await(() -> deliveryThreads().size() == 3, "three delivery threads");
        Set<Thread> running = deliveryThreads();

        long stopping = System.nanoTime();
        sink.close();
        sink = null;

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
        // The pool counts as terminated once its last worker left its loop, a moment before that thread exits.
        for (Thread thread : running) {
            thread.join(THREAD_EXIT_MILLIS);
        }
        assertThat(deliveryThreads()).isEmpty();
    }

    private static Set<Thread> deliveryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith(DELIVERY_THREAD_PREFIX) && thread.isAlive())
            .collect(Collectors.toSet());
    }

    @Test
    void pausesConsumptionWhileTheBufferIsFullAndResumesOnceDeliveriesCaughtUp() throws Exception {
        sink = SinkTaskHarness.start(fc, "buffer.max.records", "10", "batch.max.records", "5");
        fc.faults().delayResponses(Duration.ofMillis(500));

        sink.task.put(rows(0, 0, 11));

        assertThat(sink.context.paused).containsExactlyInAnyOrderElementsOf(sink.context.assignment());
        assertThat(sink.context.timeouts).as("Connect is asked to call put again soon").containsExactly(100L);
        fc.awaitRecords(12, TIMEOUT);
        sink.awaitCommittable(partition(0), 12);
        sink.task.put(List.of());
        assertThat(sink.context.paused).isEmpty();
    }
}
