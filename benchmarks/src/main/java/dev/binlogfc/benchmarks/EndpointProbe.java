package dev.binlogfc.benchmarks;

import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.util.List;

/**
 * Reads the Canal records the local function endpoint accepted, with the endpoint's receipt time. A consuming probe
 * takes the batches from the endpoint as it reads them, as the ceiling's topic probe holds no records either; a
 * keeping one leaves them there for a check at the end.
 */
final class EndpointProbe implements Probe {

    private static final long POLL_MILLIS = 10;

    private final FcLocalEndpoint endpoint;
    private final Thread poller;
    private final boolean consumes;
    private volatile Delivery delivery = (id, version, snapshot, receiptMillis) -> { };
    private int seen;
    private long batches;
    private long records;
    private long esWithMilliseconds;

    private EndpointProbe(FcLocalEndpoint endpoint, boolean consumes) {
        this.endpoint = endpoint;
        this.consumes = consumes;
        this.poller = new Thread(this::pollUntilInterrupted, "endpoint-probe");
        poller.setDaemon(true);
        poller.start();
    }

    /** A probe that takes the batches it has read from the endpoint. */
    static EndpointProbe consuming(FcLocalEndpoint endpoint) {
        return new EndpointProbe(endpoint, true);
    }

    /** A probe that leaves the batches in the endpoint. */
    static EndpointProbe keeping(FcLocalEndpoint endpoint) {
        return new EndpointProbe(endpoint, false);
    }

    @Override
    public void deliverTo(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public synchronized void reset() {
        endpoint.clearReceived();
        seen = 0;
    }

    /** Batches and records seen so far, and how many {@code es} values carried milliseconds (binlog: seconds). */
    synchronized String statistics() {
        return batchStatistics() + "; es with non-zero milliseconds: " + esWithMilliseconds;
    }

    /** Batches and records seen so far. */
    synchronized String batchStatistics() {
        return String.format("%d records in %d batches (%.0f records/batch)", records, batches,
                batches == 0 ? 0.0 : (double) records / batches);
    }

    @Override
    public void close() {
        poller.interrupt();
    }

    private void pollUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            pollOnce();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The batches the endpoint accepted since the last poll. */
    private List<ReceivedBatch> newBatches() {
        if (consumes) {
            return endpoint.takeReceived();
        }
        List<ReceivedBatch> received = endpoint.receivedBatches();
        List<ReceivedBatch> unseen = received.subList(seen, received.size());
        seen = received.size();
        return unseen;
    }

    private synchronized void pollOnce() {
        for (ReceivedBatch batch : newBatches()) {
            long receipt = batch.receivedAt().toEpochMilli();
            batches++;
            CanalBatchScanner.scan(batch.rawBody(), (id, version, type, es) -> {
                records++;
                if (es % 1000 != 0) {
                    esWithMilliseconds++;
                }
                delivery.received(id, version, "INIT".equals(type), receipt);
            });
        }
    }
}
