package dev.binlogfc.source.canal.connector;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * DTS's connection retry window on the source side: Debezium reconnects to an unreachable database on its own, for
 * ever; this fails the task once the database has been unreachable for the whole window, with the last cause, so that
 * an outage longer than the user accepts shows as a failed task rather than as silence.
 *
 * <p>Records arriving prove the database reachable. Only while none arrive is it probed, at most once per probe
 * interval, by connecting as the connector does; and whenever Debezium's task fails, to tell an outage, which is
 * waited out, from any other failure, which fails the task at once.
 */
final class SourceReachability {

    /** A connection attempt that throws when the database cannot be reached. */
    @FunctionalInterface
    interface Probe {
        void connect() throws Exception;
    }

    private final long windowNanos;
    private final long probeIntervalNanos;
    private final Probe probe;
    private final LongSupplier nanoTime;
    private final String windowSetting;
    private long lastSignNanos;
    private long firstFailureNanos;
    private boolean failing;

    /**
     * @param windowSetting how to name the window in the task's error, e.g. "retry.connection.minutes=720"
     */
    SourceReachability(Duration window, Duration probeInterval, Probe probe, LongSupplier nanoTime,
                       String windowSetting) {
        this.windowNanos = window.toNanos();
        this.probeIntervalNanos = probeInterval.toNanos();
        this.probe = probe;
        this.nanoTime = nanoTime;
        this.windowSetting = windowSetting;
        this.lastSignNanos = nanoTime.getAsLong();
    }

    /**
     * Called after each poll of Debezium's task.
     *
     * @param recordsArrived whether the poll returned records
     * @throws ConnectException when the database has been unreachable for the whole window
     */
    void afterPoll(boolean recordsArrived) {
        long now = nanoTime.getAsLong();
        if (recordsArrived) {
            lastSignNanos = now;
            failing = false;
            return;
        }
        if (now - lastSignNanos < probeIntervalNanos) {
            return;
        }
        lastSignNanos = now;
        try {
            probe.connect();
            failing = false;
        } catch (Exception e) {
            unreachable(now, e);
        }
    }

    /**
     * Called when Debezium's task failed, or could not start: Debezium gives up on some connection failures at once
     * (a database that goes away during a snapshot), so the caller restarts it while the window lasts.
     *
     * @throws RuntimeException {@code failure} itself when the database is reachable: it has another cause
     * @throws ConnectException when the database has been unreachable for the whole window
     */
    void afterFailure(RuntimeException failure) {
        long now = nanoTime.getAsLong();
        lastSignNanos = now;
        try {
            probe.connect();
        } catch (Exception e) {
            unreachable(now, e);
            return;
        }
        throw failure;
    }

    private void unreachable(long now, Exception cause) {
        if (!failing) {
            failing = true;
            firstFailureNanos = now;
        }
        if (now - firstFailureNanos >= windowNanos) {
            throw new ConnectException("The source database has been unreachable for "
                    + Duration.ofNanos(now - firstFailureNanos).toSeconds() + " s, longer than " + windowSetting
                    + ": " + cause.getMessage() + ". Check the database and the network, then restart the task;"
                    + " it resumes from its committed offsets", cause);
        }
    }
}
