package dev.binlogfc.examples.function;

import com.aliyun.fc.runtime.StreamRequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.common.canal.CanalFields;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an FC Java handler on this machine for the batches a {@link FcLocalEndpoint} accepted: each batch, in order
 * of receipt, is passed to the handler as FC would pass it (the request body as the input stream). The endpoint has
 * already answered the sink, so a batch the handler fails on is retried here, after a pause, until it succeeds; the
 * runner never skips one. After each batch it prints the progress: records applied so far and the lag behind the
 * source (now minus the newest {@code es} of the batch).
 */
public final class FunctionRunner implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final FcLocalEndpoint endpoint;
    private final StreamRequestHandler handler;
    private final PrintStream progress;
    private final AtomicLong appliedRecords = new AtomicLong();
    private final Thread thread;
    private int nextBatch;

    private FunctionRunner(FcLocalEndpoint endpoint, StreamRequestHandler handler, PrintStream progress) {
        this.endpoint = endpoint;
        this.handler = handler;
        this.progress = progress;
        this.thread = new Thread(this::run, "function-runner");
        thread.setDaemon(true);
    }

    /** Starts running {@code handler} on what {@code endpoint} receives; progress and errors go to {@code progress}. */
    public static FunctionRunner start(FcLocalEndpoint endpoint, StreamRequestHandler handler, PrintStream progress) {
        FunctionRunner runner = new FunctionRunner(endpoint, handler, progress);
        runner.thread.start();
        return runner;
    }

    /** The number of records in the batches the handler completed. */
    public long appliedRecords() {
        return appliedRecords.get();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(RETRY_PAUSE.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<ReceivedBatch> batches = endpoint.receivedBatches();
                if (nextBatch >= batches.size()) {
                    Thread.sleep(POLL_INTERVAL.toMillis());
                    continue;
                }
                ReceivedBatch batch = batches.get(nextBatch);
                if (invoke(batch)) {
                    nextBatch++;
                    appliedRecords.addAndGet(batch.records().size());
                    progress.println(progressLine(batch));
                } else {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean invoke(ReceivedBatch batch) {
        byte[] body = batch.body().toString().getBytes(StandardCharsets.UTF_8);
        OutputStream result = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(body), result, new LocalContext(batch.requestId(), progress));
            return true;
        } catch (IOException | RuntimeException e) {
            progress.printf("function failed on batch %d (request %s), retrying in %d s: %s%n", nextBatch + 1,
                    batch.requestId(), RETRY_PAUSE.toSeconds(), e.getMessage());
            return false;
        }
    }

    private String progressLine(ReceivedBatch batch) {
        Map<String, Integer> types = new TreeMap<>();
        long newestChange = 0;
        for (JsonNode record : batch.records()) {
            types.merge(record.path(CanalFields.TYPE).asText("?"), 1, Integer::sum);
            newestChange = Math.max(newestChange, record.path(CanalFields.ES).asLong(0));
        }
        String lag = newestChange == 0 ? "n/a" : (System.currentTimeMillis() - newestChange) + " ms";
        return String.format("function applied batch %d: %d records %s; %d records applied in total; lag %s",
                nextBatch, batch.records().size(), types, appliedRecords.get(), lag);
    }
}
