package dev.binlogfc.teststack.fc;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The batches the endpoint accepted, in order of receipt, optionally echoed to a stream as they arrive. */
final class BatchRecorder {

    private final List<ReceivedBatch> batches = new ArrayList<>();
    private final PrintStream echo;
    private final String functionLabel;

    BatchRecorder(PrintStream echo, String functionLabel) {
        this.echo = echo;
        this.functionLabel = functionLabel;
    }

    synchronized void record(ReceivedBatch batch) {
        batches.add(batch);
        if (echo != null) {
            echo.printf("FC %s received batch %d (%d records, request id %s):%n%s%n", functionLabel, batches.size(),
                batch.recordCount(), batch.requestId(), batch.body().toPrettyString());
            echo.flush();
        }
        notifyAll();
    }

    synchronized List<ReceivedBatch> batches() {
        return List.copyOf(batches);
    }

    synchronized List<ReceivedBatch> take() {
        List<ReceivedBatch> taken = List.copyOf(batches);
        batches.clear();
        return taken;
    }

    synchronized void clear() {
        batches.clear();
    }

    /** Waits until at least {@code count} records (over all batches) arrived; returns all batches. */
    synchronized List<ReceivedBatch> awaitRecords(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (recordCount() < count) {
            long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (leftMillis <= 0) {
                throw new AssertionError("the local FC endpoint received " + recordCount() + " records in "
                    + batches.size() + " batches within " + timeout + ", expected at least " + count);
            }
            wait(leftMillis);
        }
        return List.copyOf(batches);
    }

    private int recordCount() {
        return batches.stream().mapToInt(ReceivedBatch::recordCount).sum();
    }
}
