package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.TIMEOUT;
import static dev.binlogfc.sink.fc.SinkTaskHarness.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The records/s and MB/s limits, measured at the function. */
class ThrottleTest extends AgainstLocalEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ThrottleTest.class);

    private static List<SinkRecord> rows(int partition, int count, String type) {
        return LongStream.range(0, count).mapToObj(offset -> row(partition, offset, type)).toList();
    }

    /**
     * The rate the function received {@code amount(batch)} at: everything after the first batch, over the time
     * from the first batch to the last (the first batch is sent at once, each later one when the ones before
     * were due).
     */
    private static double measuredRate(List<ReceivedBatch> batches, ToDoubleFunction<ReceivedBatch> amount) {
        double afterFirst = batches.subList(1, batches.size()).stream().mapToDouble(amount).sum();
        Duration span = Duration.between(batches.get(0).receivedAt(), batches.get(batches.size() - 1).receivedAt());
        return afterFirst / (span.toNanos() / 1e9);
    }

    @Test
    void holdsTheIncrementalRecordsPerSecondLimitAcrossPartitions() throws Exception {
        sink = SinkTaskHarness.start(fc, "throttle.incremental.records.per.second", "200", "batch.max.records", "10",
            "max.concurrent.invocations", "4");
        List<SinkRecord> records = new ArrayList<>(rows(0, 200, "INSERT"));
        records.addAll(rows(1, 200, "UPDATE"));

        sink.task.put(records);
        fc.awaitRecords(400, TIMEOUT);

        double rate = measuredRate(fc.receivedBatches(), batch -> batch.records().size());
        log.info("Incremental records limit 200/s, measured {} records/s", rate);
        assertThat(rate).isCloseTo(200, within(20.0));
    }

    @Test
    void limitsFullCopyRecordsSeparatelyFromIncrementalOnes() throws Exception {
        sink = SinkTaskHarness.start(fc, "throttle.init.records.per.second", "150", "batch.max.records", "10");

        sink.task.put(rows(0, 300, "INIT"));
        sink.task.put(rows(1, 300, "INSERT"));
        fc.awaitRecords(600, TIMEOUT);

        List<ReceivedBatch> init = batchesOfType("INIT");
        List<ReceivedBatch> incremental = batchesOfType("INSERT");
        double rate = measuredRate(init, batch -> batch.records().size());
        Duration incrementalSpan = Duration.between(incremental.get(0).receivedAt(),
            incremental.get(incremental.size() - 1).receivedAt());
        log.info("INIT records limit 150/s, measured {} records/s; unlimited INSERTs took {} ms", rate,
            incrementalSpan.toMillis());
        assertThat(rate).isCloseTo(150, within(15.0));
        assertThat(incrementalSpan).as("incremental records are not held back by the INIT limit")
            .isLessThan(Duration.ofMillis(700));
    }

    private List<ReceivedBatch> batchesOfType(String type) {
        return fc.receivedBatches().stream()
            .filter(batch -> batch.records().get(0).path("type").asText().equals(type)).toList();
    }

    @Test
    void holdsTheMegabytesPerSecondLimit() throws Exception {
        // 0.05 MB/s = 52428.8 bytes/s; rows are about 150 bytes, so 2000 rows take about 6 s.
        sink = SinkTaskHarness.start(fc, "throttle.incremental.mb.per.second", "0.05", "batch.max.records", "50");

        sink.task.put(rows(0, 2000, "INSERT"));
        fc.awaitRecords(2000, Duration.ofSeconds(30));

        double rate = measuredRate(fc.receivedBatches(),
            batch -> batch.records().stream().mapToInt(row -> row.toString().length()).sum());
        log.info("Incremental limit 0.05 MB/s (52429 bytes/s), measured {} bytes/s", rate);
        assertThat(rate).isCloseTo(52428.8, within(5242.9));
    }
}
