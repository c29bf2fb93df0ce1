package dev.binlogfc.teststack.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults the stack can inject: a worker JVM killed with SIGKILL and started again, a worker of a two-JVM
 * cluster stopped, and the broker restarted. A counting source shows what survives: after each fault the numbers go
 * on from the last committed offset.
 */
@Tag("integration")
class ConnectFaultsTest {

    private static final String CONNECTOR = "counter";
    private static final String TOPIC = "numbers";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path workerDirectory;
    @AutoClose
    private ConnectStack stack;
    @AutoClose
    private ExternalWorker worker;
    @AutoClose
    private ExternalWorker peer;

    @BeforeEach
    void start() {
        stack = ConnectStack.start();
        stack.topics().create(TOPIC, 1);
        worker = new ExternalWorker(stack.bootstrapServers(), workerDirectory);
        worker.start();
        worker.rest().createOrUpdate(CONNECTOR, Map.of(
                "connector.class", CountingSourceConnector.class.getName(),
                "tasks.max", "1",
                CountingSourceConnector.TOPIC, TOPIC));
        worker.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKilledWorkersReplacementResumesFromTheCommittedOffset() throws Exception {
        // About three seconds of counting: offsets are committed every second.
        numbers(3000);
        worker.kill();

        assertThat(worker.rest().isHealthy()).as("nothing answers once the worker is killed").isFalse();
        assertThatThrownBy(worker::kill).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No worker process");
        int writtenByFirst = everything().size();
        worker.start();
        List<Long> all = numbers(writtenByFirst + 500);

        long resumedAt = all.get(writtenByFirst);
        assertThat(resumedAt).as("the replacement resumed from a committed offset, not from scratch")
                .isPositive().isLessThanOrEqualTo(all.get(writtenByFirst - 1) + 1);
        assertNoNumberLost(all);
        assertThat(worker.currentLog().getFileName()).hasToString("worker-2.log");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aStoppedWorkersTaskMovesToItsPeerInTheSameCluster() throws Exception {
        peer = worker.peer(workerDirectory.resolve("peer"));
        peer.start();
        assertThat(peer.workerId()).isNotEqualTo(worker.workerId());
        assertThat(peer.rest().status(CONNECTOR).path("connector").path("state").asText())
                .as("the peer sees the first worker's connector: one cluster").isEqualTo("RUNNING");
        numbers(1000);
        ExternalWorker running = taskWorker(worker).equals(worker.workerId()) ? worker : peer;
        ExternalWorker other = running == worker ? peer : worker;

        running.stop();

        assertThat(running.isRunning()).isFalse();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!taskWorker(other).equals(other.workerId()) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        other.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
        assertThat(taskWorker(other)).as("the task's worker after its first worker stopped").isEqualTo(other.workerId());
        int writtenBefore = everything().size();
        assertNoNumberLost(numbers(writtenBefore + 500));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void afterABrokerRestartTheSameAddressServesTheOldRecordsAndTheWorkerGoesOn() throws Exception {
        numbers(500);
        String bootstrapServers = stack.bootstrapServers();

        stack.restartBroker(Duration.ofSeconds(2));

        assertThat(stack.bootstrapServers()).isEqualTo(bootstrapServers);
        List<Long> all = numbers(everything().size() + 500);
        assertNoNumberLost(all);
    }

    private static void assertNoNumberLost(List<Long> numbers) {
        long highest = numbers.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(numbers.stream().distinct().sorted().toList()).as("every number from 0 to %d", highest)
                .isEqualTo(LongStream.rangeClosed(0, highest).boxed().toList());
    }

    /** The first {@code count} numbers on the topic, waiting for them to be written. */
    private List<Long> numbers(int count) {
        List<ConsumerRecord<String, String>> records = stack.topics().consumeStrings(TOPIC, count, TIMEOUT);
        assertThat(records).as("numbers on %s", TOPIC).hasSize(count);
        return records.stream().map(record -> Long.parseLong(record.value())).toList();
    }

    /** The worker_id of the counting task as {@code asked} reports it. */
    private static String taskWorker(ExternalWorker asked) {
        return asked.rest().status(CONNECTOR).path("tasks").path(0).path("worker_id").asText();
    }

    /** Every number on the topic now; a short wait suffices as the broker is local. */
    private List<Long> everything() {
        return stack.topics().consumeStrings(TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                .map(record -> Long.parseLong(record.value())).toList();
    }
}
