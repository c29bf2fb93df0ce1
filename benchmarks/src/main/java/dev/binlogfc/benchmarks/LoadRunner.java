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
import java.util.function.IntFunction;

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
    private final List<IntFunction<BenchPath>> copyPaths;
    private final String sinkConnector;
    /** The paths of the last full-copy round, which run every later load. */
    private List<BenchPath> paths = List.of();
    private long nextVersion = 1;

    /**
     * {@code copyPaths} in table order, each giving a path with connectors of its own for a full-copy round
     * (round 0 first); the first is the one the others are compared with. {@code sinkConnector} names the sink
     * connector (or the start of the names of a round's sinks), whose task threads the CPU figures count as the
     * sink's.
     */
    LoadRunner(ChangeWriter writer, BenchmarkSettings settings, ResultTable table, PrintStream out,
               List<IntFunction<BenchPath>> copyPaths, String sinkConnector) {
        this.writer = writer;
        this.settings = settings;
        this.table = table;
        this.out = out;
        this.copyPaths = List.copyOf(copyPaths);
        this.sinkConnector = sinkConnector;
    }

    /**
     * The full copies in rounds shared by the paths, then the incremental load through each path in turn, then the
     * catch-ups in rounds shared by the paths, then the steady load through each path in turn.
     */
    void runAll() throws InterruptedException {
        fullCopies();
        for (BenchPath path : paths) {
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

    /**
     * Each round copies the table once through each path, one after the other, each with connectors of its own
     * that start from nothing (new names and topics) and are deleted after the copy; the path that goes first
     * alternates, and the first rounds are run and not counted, as the catch-up's. Before, the ceiling always
     * copied first, in a cold JVM, which favoured the pipeline. The last round's connectors are kept, paused, for
     * the loads after.
     */
    private void fullCopies() throws InterruptedException {
        String load = FULL_COPY + String.format(Locale.ROOT, " (%,d rows, median of %d paired rounds)",
                settings.rows(), settings.copyRounds());
        out.printf("%s, each path in turn ...%n", load);
        int lastRound = settings.copyWarmUpRounds() + settings.copyRounds() - 1;
        BenchPath[] kept = new BenchPath[copyPaths.size()];
        pairedRounds(load, settings.copyWarmUpRounds(), settings.copyRounds(), (round, order) -> {
            Map<Integer, LoadResult> results = new LinkedHashMap<>();
            for (int index : order) {
                BenchPath path = copyPaths.get(index).apply(round);
                results.put(index, fullCopy(load, path));
                if (round == lastRound) {
                    path.pause();
                    kept[index] = path;
                } else {
                    path.retire();
                }
            }
            return results;
        });
        paths = List.of(kept);
        // The copy is taken at the binlog position of its start: changes committed before are in it.
        paths.forEach(path -> path.deliveredUpTo(nextVersion));
    }

    private LoadResult fullCopy(String load, BenchPath path) throws InterruptedException {
        SnapshotTracker tracker = new SnapshotTracker(settings.rows());
        path.probe().deliverTo(tracker);
        awaitQuietMachine(path);
        try (ResourceMeter meter = ResourceMeter.start(sinkConnector)) {
            long start = System.currentTimeMillis();
            path.start();
            boolean complete = tracker.await(Duration.ofSeconds(120 + settings.rows() / 2_000));
            path.probe().reset();
            ResourceMeter.Usage usage = meter.usage();
            return new LoadResult(load, path.name(), settings.rows(), tracker.distinct(), tracker.duplicates(),
                    (complete ? tracker.lastReceiptMillis() : System.currentTimeMillis()) - start, 0,
                    new long[0], usage);
        }
    }

    /** One round of a paired load: each path (by index) in {@code order}, its result by index. */
    private interface Round {
        Map<Integer, LoadResult> run(int round, List<Integer> order) throws InterruptedException;
    }

    /**
     * Runs {@code warmUps} rounds that are not counted, with the paths in table order, then {@code rounds} rounds
     * whose first path alternates; reports each path's median round, with the median of its round-by-round ratios
     * to the first path as its share of the ceiling, and notes every round under the table.
     */
    private void pairedRounds(String load, int warmUps, int rounds, Round run) throws InterruptedException {
        List<Integer> tableOrder = new ArrayList<>();
        for (int index = 0; index < copyPaths.size(); index++) {
            tableOrder.add(index);
        }
        for (int round = 0; round < warmUps; round++) {
            Map<Integer, LoadResult> warmUp = run.run(round, tableOrder);
            out.println("  warm-up round, not counted: " + warmUp.values().stream().map(LoadRunner::summary).toList());
        }
        Map<Integer, List<LoadResult>> runs = new LinkedHashMap<>();
        List<String> summaries = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Integer> order = new ArrayList<>(tableOrder);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            Map<Integer, LoadResult> roundResults = run.run(warmUps + round, order);
            summaries.add(roundSummary(round + 1, order, roundResults));
            roundResults.forEach((index, result) -> runs.computeIfAbsent(index, i -> new ArrayList<>()).add(result));
        }
        List<LoadResult> reference = runs.get(0);
        for (int index : tableOrder) {
            List<LoadResult> pathRuns = runs.get(index);
            List<LoadResult> byRate = new ArrayList<>(pathRuns);
            byRate.sort(Comparator.comparingDouble(LoadResult::rowsPerSecond));
            report(byRate.get(byRate.size() / 2));
            if (index != 0) {
                List<Double> ratios = new ArrayList<>();
                for (int round = 0; round < pathRuns.size(); round++) {
                    ratios.add(pathRuns.get(round).rowsPerSecond() / reference.get(round).rowsPerSecond());
                }
                table.pairedRatio(load, pathRuns.get(0).path(), median(ratios));
            }
        }
        table.note(load.substring(0, load.indexOf(" (")) + " rounds (same rows or changes for every path, measured "
                + "one after the other; first path alternates): " + String.join("; ", summaries) + ".");
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
     * alternates, since the first one after the writes was slower in some runs.
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
        pairedRounds(load, settings.catchUpWarmUpRounds(), settings.catchUpRounds(),
                (round, order) -> catchUpRound(load, order));
    }

    /** Pauses every path, commits the changes once, then lets each path in {@code order} read them alone. */
    private Map<Integer, LoadResult> catchUpRound(String load, List<Integer> order) throws InterruptedException {
        paths.forEach(BenchPath::pause);
        long first = nextVersion;
        ChangeTracker written = new ChangeTracker(first, settings.catchUpChanges());
        nextVersion += settings.catchUpChanges();
        long writeNanos = writer.write(written, settings.txRows(), 0, Duration.ZERO);
        Map<Integer, LoadResult> results = new LinkedHashMap<>();
        for (int index : order) {
            results.put(index, catchUpOnce(load, paths.get(index), first, writeNanos));
        }
        return results;
    }

    private LoadResult catchUpOnce(String load, BenchPath path, long first, long writeNanos)
            throws InterruptedException {
        ChangeTracker tracker = new ChangeTracker(first, settings.catchUpChanges());
        path.probe().deliverTo(tracker);
        awaitQuietMachine(path);
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

    private void awaitQuietMachine(BenchPath path) throws InterruptedException {
        long quietStart = System.nanoTime();
        boolean quiet = QuietMachine.await(QUIET_TIMEOUT);
        double waitedSeconds = (System.nanoTime() - quietStart) / 1e9;
        if (!quiet || waitedSeconds > 1) {
            out.printf(Locale.ROOT, "  (%s %.1f s for the machine to go quiet before %s)%n",
                    quiet ? "waited" : "gave up after", waitedSeconds, path.name());
        }
    }

    private String roundSummary(int round, List<Integer> order, Map<Integer, LoadResult> results) {
        double reference = results.get(0).rowsPerSecond();
        List<String> parts = new ArrayList<>();
        for (int index : order) {
            LoadResult result = results.get(index);
            parts.add(String.format(Locale.ROOT, "%s %,.0f rows/s%s", result.path(), result.rowsPerSecond(),
                    index == 0 ? "" : String.format(Locale.ROOT, " (%.0f %%)",
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
