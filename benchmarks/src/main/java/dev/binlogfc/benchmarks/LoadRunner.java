package dev.binlogfc.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Runs the three loads through one path (a probe watching where records end up) and adds their rows to the table. */
final class LoadRunner {

    static final String FULL_COPY = "Full copy";
    static final String INCREMENTAL = "Incremental";
    static final String CATCH_UP = "Catch-up after a pause";
    static final String STEADY = "Steady";

    private final ChangeWriter writer;
    private final BenchmarkSettings settings;
    private final ResultTable table;
    private final PrintStream out;
    private long nextVersion = 1;

    LoadRunner(ChangeWriter writer, BenchmarkSettings settings, ResultTable table, PrintStream out) {
        this.writer = writer;
        this.settings = settings;
        this.table = table;
        this.out = out;
    }

    /** Full copy, incremental, catch-up after a pause and steady load, in that order. */
    void runAll(String path, Probe probe, PathControl control) throws InterruptedException {
        fullCopy(path, probe, control.start());
        changes(INCREMENTAL + String.format(Locale.ROOT, " (%,d changes, %d per tx)", settings.changes(),
                settings.txRows()), path, probe, settings.changes(), settings.txRows(), 0);
        catchUp(path, probe, control);
        changes(STEADY + String.format(Locale.ROOT, " (%,d/s for %d s, %d per tx)", settings.steadyRate(),
                        settings.steadySeconds(), settings.steadyTxRows()), path, probe,
                settings.steadyRate() * settings.steadySeconds(), settings.steadyTxRows(), settings.steadyRate());
    }

    private void fullCopy(String path, Probe probe, Runnable startConnectors) throws InterruptedException {
        String load = FULL_COPY + String.format(Locale.ROOT, " (%,d rows)", settings.rows());
        out.printf("%s: %s ...%n", path, load);
        SnapshotTracker tracker = new SnapshotTracker(settings.rows());
        probe.deliverTo(tracker);
        try (ResourceMeter meter = ResourceMeter.start()) {
            long start = System.currentTimeMillis();
            startConnectors.run();
            boolean complete = tracker.await(Duration.ofSeconds(120 + settings.rows() / 2_000));
            probe.reset();
            ResourceMeter.Usage usage = meter.usage();
            report(new LoadResult(load, path, settings.rows(), tracker.distinct(), tracker.duplicates(),
                    (complete ? tracker.lastReceiptMillis() : System.currentTimeMillis()) - start, 0,
                    new long[0], usage));
        }
    }

    private void changes(String load, String path, Probe probe, int count, int txRows, int rate)
            throws InterruptedException {
        out.printf("%s: %s ...%n", path, load);
        ChangeTracker tracker = trackNextChanges(probe, count);
        try (ResourceMeter meter = ResourceMeter.start()) {
            long start = System.currentTimeMillis();
            long writeNanos = writer.write(tracker, txRows, rate, Duration.ZERO);
            boolean complete = tracker.await(Duration.ofSeconds(120 + count / 1_000));
            probe.reset();
            ResourceMeter.Usage usage = meter.usage();
            report(new LoadResult(load, path, count, tracker.received(), tracker.duplicates(),
                    (complete ? tracker.lastReceiptMillis() : System.currentTimeMillis()) - start,
                    count * 1e9 / writeNanos, tracker.sortedLatencies(), usage));
        }
    }

    /**
     * The connectors are paused while the writer commits the incremental load, then resumed: the rate is from
     * the resume to the last receipt, what the path can do with a backlog rather than what the writer can. A catch-up
     * lasts a few seconds, so it is repeated and the run with the median rate is reported, the others printed.
     */
    private void catchUp(String path, Probe probe, PathControl control) throws InterruptedException {
        String load = CATCH_UP + String.format(Locale.ROOT, " (%,d changes, median of %d)", settings.changes(),
                settings.catchUpRuns());
        out.printf("%s: %s ...%n", path, load);
        List<LoadResult> runs = new ArrayList<>();
        for (int run = 0; run < settings.catchUpRuns(); run++) {
            LoadResult result = catchUpOnce(load, path, probe, control);
            out.printf("  run %d: %s%n", run + 1, summary(result));
            runs.add(result);
        }
        runs.sort(Comparator.comparingDouble(LoadResult::rowsPerSecond));
        report(runs.get(runs.size() / 2));
    }

    private LoadResult catchUpOnce(String load, String path, Probe probe, PathControl control)
            throws InterruptedException {
        ChangeTracker tracker = trackNextChanges(probe, settings.changes());
        control.pause().run();
        long writeNanos = writer.write(tracker, settings.txRows(), 0, Duration.ZERO);
        try (ResourceMeter meter = ResourceMeter.start()) {
            long start = System.currentTimeMillis();
            control.resume().run();
            boolean complete = tracker.await(Duration.ofSeconds(120 + settings.changes() / 1_000));
            probe.reset();
            ResourceMeter.Usage usage = meter.usage();
            return new LoadResult(load, path, settings.changes(), tracker.received(), tracker.duplicates(),
                    (complete ? tracker.lastReceiptMillis() : System.currentTimeMillis()) - start,
                    settings.changes() * 1e9 / writeNanos, new long[0], usage);
        }
    }

    /** A tracker for the next {@code count} versions, which the probe reports to from now on. */
    private ChangeTracker trackNextChanges(Probe probe, int count) {
        ChangeTracker tracker = new ChangeTracker(nextVersion, count);
        nextVersion += count;
        probe.deliverTo(tracker);
        return tracker;
    }

    private void report(LoadResult result) {
        table.add(result);
        out.printf("  %s%s%n", summary(result), result.latenciesMillis().length == 0 ? ""
                : String.format(Locale.ROOT, ", latency p50 %d ms, p99 %d ms, max %d ms", result.latencyPercentile(0.5),
                        result.latencyPercentile(0.99), result.latencyPercentile(1.0)));
    }

    private static String summary(LoadResult result) {
        return String.format(Locale.ROOT, "%,d of %,d in %.1f s: %,.0f rows/s", result.delivered(), result.rows(),
                result.elapsedMillis() / 1000.0, result.rowsPerSecond());
    }
}
