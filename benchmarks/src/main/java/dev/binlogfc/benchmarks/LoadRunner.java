package dev.binlogfc.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the loads through each path and adds their rows to the table. Only one path runs at a time; before a path is
 * measured on live changes it reads what the writer committed while it was paused, unmeasured.
 */
final class LoadRunner {

    static final String FULL_COPY = "Full copy";
    static final String INCREMENTAL = "Incremental";
    static final String CATCH_UP = "Catch-up after a pause";
    static final String STEADY = "Steady";
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);

    private final ChangeWriter writer;
    private final BenchmarkSettings settings;
    private final ResultTable table;
    private final PrintStream out;
    private final List<BenchPath> paths;
    private final String sinkConnector;
    private long nextVersion = 1;

    /**
     * {@code paths} in table order; the first is the one the others are compared with. {@code sinkConnector}
     * names the sink connector, whose task threads the CPU figures count as the sink's.
     */
    LoadRunner(ChangeWriter writer, BenchmarkSettings settings, ResultTable table, PrintStream out,
               List<BenchPath> paths, String sinkConnector) {
        this.writer = writer;
        this.settings = settings;
        this.table = table;
        this.out = out;
        this.paths = List.copyOf(paths);
        this.sinkConnector = sinkConnector;
    }

    /**
     * Full copy and incremental load through each path in turn, then the catch-ups in rounds shared by the paths,
     * then the steady load through each path in turn.
     */
    void runAll() throws InterruptedException {
        for (BenchPath path : paths) {
            fullCopy(path);
            changes(INCREMENTAL + String.format(Locale.ROOT, " (%,d changes, %d per tx)", settings.changes(),
                    settings.txRows()), path, settings.changes(), settings.txRows(), 0);
        }
        catchUp();
        for (BenchPath path : paths) {
            changes(STEADY + String.format(Locale.ROOT, " (%,d/s for %d s, %d per tx)", settings.steadyRate(),
                            settings.steadySeconds(), settings.steadyTxRows()), path,
                    settings.steadyRate() * settings.steadySeconds(), settings.steadyTxRows(), settings.steadyRate());
        }
    }

    private void fullCopy(BenchPath path) throws InterruptedException {
        String load = FULL_COPY + String.format(Locale.ROOT, " (%,d rows)", settings.rows());
        out.printf("%s: %s ...%n", path.name(), load);
        pauseAllBut(path);
        SnapshotTracker tracker = new SnapshotTracker(settings.rows());
        path.probe().deliverTo(tracker);
        try (ResourceMeter meter = ResourceMeter.start(sinkConnector)) {
            long start = System.currentTimeMillis();
            path.start();
            boolean complete = tracker.await(Duration.ofSeconds(120 + settings.rows() / 2_000));
            path.probe().reset();
            ResourceMeter.Usage usage = meter.usage();
            report(new LoadResult(load, path.name(), settings.rows(), tracker.distinct(), tracker.duplicates(),
                    (complete ? tracker.lastReceiptMillis() : System.currentTimeMillis()) - start, 0,
                    new long[0], usage));
        }
        // The copy is taken at the binlog position of its start: changes committed before are in it.
        path.deliveredUpTo(nextVersion);
    }

    private void changes(String load, BenchPath path, int count, int txRows, int rate)
            throws InterruptedException {
        out.printf("%s: %s ...%n", path.name(), load);
        bringUpToDate(path);
        ChangeTracker tracker = trackNextChanges(path, count);
        try (ResourceMeter meter = ResourceMeter.start(sinkConnector)) {
            long start = System.currentTimeMillis();
            long writeNanos = writer.write(tracker, txRows, rate, Duration.ZERO);
            boolean complete = tracker.await(Duration.ofSeconds(120 + count / 1_000));
            path.probe().reset();
            ResourceMeter.Usage usage = meter.usage();
            report(new LoadResult(load, path.name(), count, tracker.received(), tracker.duplicates(),
                    (complete ? tracker.lastReceiptMillis() : System.currentTimeMillis()) - start,
                    count * 1e9 / writeNanos, tracker.sortedLatencies(), usage));
        }
        path.deliveredUpTo(nextVersion);
    }

    /**
     * Each round pauses every path, commits the changes once, then resumes one path at a time, each on a quiet
     * machine, and measures it from the resume to the last receipt: every path reads the same backlog, seconds
     * apart, so a machine whose speed drifts (a shared VM) does not favour one path. The path that goes first
     * alternates, since the first one after the writes was slower in some runs. Each path's median round is
     * reported, with the median of its round-by-round ratios to the first path as its share of the ceiling; every
     * round is noted under the table. A first round is run and not counted.
     */
    private void catchUp() throws InterruptedException {
        String load = CATCH_UP + String.format(Locale.ROOT, " (%,d changes, median of %d paired rounds)",
                settings.catchUpChanges(), settings.catchUpRounds());
        out.printf("%s, each path in turn ...%n", load);
        for (BenchPath path : paths) {
            bringUpToDate(path);
        }
        // C2 is still compiling the paths' per-request code (HTTP client, broker fetches) after the loads before,
        // and keeps at it for some rounds; the rounds it weighs most in are not counted.
        for (int round = 0; round < settings.catchUpWarmUpRounds(); round++) {
            Map<BenchPath, LoadResult> warmUp = catchUpRound(load, paths);
            out.println("  warm-up round, not counted: " + warmUp.values().stream().map(LoadRunner::summary).toList());
        }
        Map<BenchPath, List<LoadResult>> runs = new LinkedHashMap<>();
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < settings.catchUpRounds(); round++) {
            List<BenchPath> order = new ArrayList<>(paths);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            Map<BenchPath, LoadResult> roundResults = catchUpRound(load, order);
            rounds.add(roundSummary(round + 1, order, roundResults));
            roundResults.forEach((path, result) -> runs.computeIfAbsent(path, p -> new ArrayList<>()).add(result));
        }
        List<LoadResult> reference = runs.get(paths.get(0));
        for (BenchPath path : paths) {
            List<LoadResult> pathRuns = runs.get(path);
            List<LoadResult> byRate = new ArrayList<>(pathRuns);
            byRate.sort(Comparator.comparingDouble(LoadResult::rowsPerSecond));
            report(byRate.get(byRate.size() / 2));
            if (pathRuns != reference) {
                List<Double> ratios = new ArrayList<>();
                for (int round = 0; round < pathRuns.size(); round++) {
                    ratios.add(pathRuns.get(round).rowsPerSecond() / reference.get(round).rowsPerSecond());
                }
                table.pairedRatio(load, path.name(), median(ratios));
            }
        }
        table.note("Catch-up rounds (same changes for every path, measured one after the other; first path "
                + "alternates): " + String.join("; ", rounds) + ".");
    }

    /** Pauses every path, commits the changes once, then lets each path in {@code order} read them alone. */
    private Map<BenchPath, LoadResult> catchUpRound(String load, List<BenchPath> order) throws InterruptedException {
        paths.forEach(BenchPath::pause);
        long first = nextVersion;
        ChangeTracker written = new ChangeTracker(first, settings.catchUpChanges());
        nextVersion += settings.catchUpChanges();
        long writeNanos = writer.write(written, settings.txRows(), 0, Duration.ZERO);
        Map<BenchPath, LoadResult> results = new LinkedHashMap<>();
        for (BenchPath path : order) {
            results.put(path, catchUpOnce(load, path, first, writeNanos));
        }
        return results;
    }

    private LoadResult catchUpOnce(String load, BenchPath path, long first, long writeNanos)
            throws InterruptedException {
        ChangeTracker tracker = new ChangeTracker(first, settings.catchUpChanges());
        path.probe().deliverTo(tracker);
        long quietStart = System.nanoTime();
        boolean quiet = QuietMachine.await(QUIET_TIMEOUT);
        double waitedSeconds = (System.nanoTime() - quietStart) / 1e9;
        if (!quiet || waitedSeconds > 1) {
            out.printf(Locale.ROOT, "  (%s %.1f s for the machine to go quiet before %s)%n",
                    quiet ? "waited" : "gave up after", waitedSeconds, path.name());
        }
        LoadResult result;
        try (ResourceMeter meter = ResourceMeter.start(sinkConnector)) {
            long start = System.currentTimeMillis();
            path.resume();
            boolean complete = tracker.await(Duration.ofSeconds(120 + settings.catchUpChanges() / 1_000));
            path.probe().reset();
            ResourceMeter.Usage usage = meter.usage();
            result = new LoadResult(load, path.name(), settings.catchUpChanges(), tracker.received(),
                    tracker.duplicates(), (complete ? tracker.lastReceiptMillis() : System.currentTimeMillis()) - start,
                    settings.catchUpChanges() * 1e9 / writeNanos, new long[0], usage);
        }
        path.pause();
        path.deliveredUpTo(first + settings.catchUpChanges());
        return result;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private String roundSummary(int round, List<BenchPath> order, Map<BenchPath, LoadResult> results) {
        double reference = results.get(paths.get(0)).rowsPerSecond();
        List<String> parts = new ArrayList<>();
        for (BenchPath path : order) {
            LoadResult result = results.get(path);
            parts.add(String.format(Locale.ROOT, "%s %,.0f rows/s%s", path.name(), result.rowsPerSecond(),
                    path == paths.get(0) ? "" : String.format(Locale.ROOT, " (%.0f %%)",
                            100 * result.rowsPerSecond() / reference)));
        }
        String summary = "round " + round + ": " + String.join(", then ", parts);
        out.println("  " + summary);
        return summary;
    }

    /**
     * Pauses the other paths and lets {@code path} read, unmeasured, what was committed while it was paused, so
     * that a measured load starts with no backlog.
     */
    private void bringUpToDate(BenchPath path) throws InterruptedException {
        pauseAllBut(path);
        int backlog = (int) (nextVersion - path.nextUnread());
        if (backlog == 0) {
            path.resume();
            return;
        }
        ChangeTracker tracker = new ChangeTracker(path.nextUnread(), backlog);
        path.probe().deliverTo(tracker);
        path.resume();
        long start = System.nanoTime();
        if (!tracker.await(Duration.ofSeconds(120 + backlog / 1_000))) {
            throw new IllegalStateException(path.name() + " did not read the " + backlog
                    + " changes committed while it was paused; missing versions " + tracker.missing(10));
        }
        out.printf(Locale.ROOT, "  (read the %,d changes committed while it was paused in %.1f s)%n", backlog,
                (System.nanoTime() - start) / 1e9);
        path.probe().reset();
        path.deliveredUpTo(nextVersion);
    }

    private void pauseAllBut(BenchPath path) {
        paths.stream().filter(other -> other != path).forEach(BenchPath::pause);
    }

    /** A tracker for the next {@code count} versions, which the probe reports to from now on. */
    private ChangeTracker trackNextChanges(BenchPath path, int count) {
        ChangeTracker tracker = new ChangeTracker(nextVersion, count);
        nextVersion += count;
        path.probe().deliverTo(tracker);
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
