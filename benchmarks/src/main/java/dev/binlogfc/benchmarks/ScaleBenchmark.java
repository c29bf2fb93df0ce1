package dev.binlogfc.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the full copy's cost grows with the table: a copy of {@code scale.baseRows} rows (after one more, not counted,
 * that warms the JVM up), then, with the table grown
 * to {@code scale.rows}, a copy of the whole table by a second pipeline (the shipped source and sink under connector
 * names of their own), each through Debezium, the Canal SMT, Kafka, the FC sink and the local function. Reports each
 * copy's rows/s, its rate per interval, the live heap after a full GC each minute, and Connect's offset-commit
 * times. Run with {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pscale}.
 */
public final class ScaleBenchmark {

    private static final long INTERVAL_MILLIS = 10_000;
    private static final long HEAP_INTERVAL_MILLIS = 60_000;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(ScaleBenchmark::run);
    }

    /** One copy's figures. */
    private record CopyResult(String prefix, int rows, int delivered, long duplicates, long elapsedMillis,
                              List<Long> rowsPerSecond, List<Long> liveHeapBytes, OffsetCommitMetrics worstSource,
                              OffsetCommitMetrics worstSink) {

        double rate() {
            return delivered * 1000.0 / elapsedMillis;
        }
    }

    private static void run() throws Exception {
        PrintStream out = System.out;
        int rows = SystemProperties.positiveInt("scale.rows", 10_000_000);
        int baseRows = SystemProperties.positiveInt("scale.baseRows", 1_000_000);
        if (baseRows >= rows) {
            throw new IllegalArgumentException("-Dscale.baseRows must be below -Dscale.rows");
        }
        Path report = Path.of(System.getProperty("bench.report", "BENCHMARKS.md"));
        String machine = Machine.describe();
        out.println("Machine: " + machine);
        List<CopyResult> results = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(Path.of(System.getProperty("bench.connectors",
                "examples/connectors")))) {
            BenchTable table = new BenchTable(stack.database());
            table.create();
            table.seed(baseRows);
            // The first copy in a fresh JVM also pays for compiling the whole path; it is not counted.
            copy(stack, "warmup", 5409, baseRows, out);
            results.add(copy(stack, "scale1", 5410, baseRows, out));
            long seedStart = System.nanoTime();
            table.seed(baseRows + 1L, rows);
            out.printf(Locale.ROOT, "Grew the table to %,d rows in %.0f s%n", rows, (System.nanoTime() - seedStart) / 1e9);
            results.add(copy(stack, "scale2", 5411, rows, out));
        }
        String section = section(machine, rows, baseRows, results);
        out.println(section);
        new ReportFile(report).rewriteSection("scale", section);
    }

    private static CopyResult copy(BenchStack stack, String prefix, int clientServerId, int rows, PrintStream out)
            throws InterruptedException {
        out.printf(Locale.ROOT, "Full copy of %,d rows (%s) ...%n", rows, prefix);
        List<ConnectorConfig> pipeline = stack.pipeline(prefix, clientServerId);
        ConnectorConfig source = pipeline.get(0);
        ConnectorConfig sink = pipeline.get(1);
        SnapshotTracker tracker = new SnapshotTracker(rows);
        OffsetCommitMetrics worstSource = null;
        OffsetCommitMetrics worstSink = null;
        try (EndpointProbe probe = EndpointProbe.consuming(stack.endpoint());
             LiveHeapSampler heap = new LiveHeapSampler(HEAP_INTERVAL_MILLIS)) {
            long start = System.currentTimeMillis();
            CopyTimeline timeline = new CopyTimeline(tracker, start, INTERVAL_MILLIS);
            probe.deliverTo(timeline);
            stack.post(source);
            stack.post(sink);
            long deadline = System.nanoTime() + Duration.ofSeconds(300 + rows / 2_000).toNanos();
            boolean complete = false;
            while (!complete && System.nanoTime() < deadline) {
                complete = tracker.await(Duration.ofMillis(INTERVAL_MILLIS));
                worstSource = worse(worstSource, OffsetCommitMetrics.of(source.name()));
                worstSink = worse(worstSink, OffsetCommitMetrics.of(sink.name()));
                out.printf(Locale.ROOT, "  %,d rows after %.0f s%n", tracker.distinct(),
                        (System.currentTimeMillis() - start) / 1000.0);
            }
            long end = complete ? tracker.lastReceiptMillis() : System.currentTimeMillis();
            CopyResult result = new CopyResult(prefix, rows, tracker.distinct(), tracker.duplicates(), end - start,
                    timeline.rowsPerSecond(), heap.samples(), worstSource, worstSink);
            out.printf(Locale.ROOT, "  %,d of %,d in %.1f s: %,.0f rows/s%n", result.delivered(), rows,
                    result.elapsedMillis() / 1000.0, result.rate());
            stack.delete(sink);
            stack.delete(source);
            return result;
        }
    }

    /** The sample with the longer commit, or the higher failure share. */
    private static OffsetCommitMetrics worse(OffsetCommitMetrics worst, OffsetCommitMetrics sample) {
        if (worst == null || Double.isNaN(worst.maxMillis())) {
            return sample;
        }
        boolean sampleWorse = sample.failurePercentage() > worst.failurePercentage()
                || sample.maxMillis() > worst.maxMillis();
        return sampleWorse ? sample : worst;
    }

    private static String section(String machine, int rows, int baseRows, List<CopyResult> results) {
        CopyResult base = results.get(0);
        CopyResult large = results.get(1);
        StringBuilder text = new StringBuilder("## Scale: full copy of a growing table\n\n");
        text.append("Machine: ").append(machine).append(".\n\nCommand:\n\n```\n")
                .append("./mvnw -q -pl benchmarks -am package -DskipTests -Pscale -Dscale.rows=").append(rows)
                .append(" -Dscale.baseRows=").append(baseRows).append("\n```\n\n")
                .append("| Copy | Rows | Delivered | Duplicates | Seconds | Rows/s | Live heap after full GC, each "
                        + "minute (MiB) | Longest offset commit (source, sink) | Failed commits |\n")
                .append("|---|---:|---:|---:|---:|---:|---|---|---|\n");
        for (CopyResult result : results) {
            text.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %,.0f | %s | %.0f ms, %.0f ms "
                            + "| %.1f %%, %.1f %% |\n", result.prefix(), result.rows(), result.delivered(),
                    result.duplicates(), result.elapsedMillis() / 1000.0, result.rate(),
                    result.liveHeapBytes().stream().map(bytes -> Long.toString(bytes >> 20))
                            .collect(Collectors.joining(", ")),
                    result.worstSource().maxMillis(), result.worstSink().maxMillis(),
                    result.worstSource().failurePercentage(), result.worstSink().failurePercentage()));
        }
        text.append(String.format(Locale.ROOT, "%nRatio of the %,d-row copy's rate to the %,d-row copy's: **%.2f** "
                + "(target: at least 0.90).%n%n", rows, baseRows, large.rate() / base.rate()));
        for (CopyResult result : results) {
            text.append("Rows/s per ").append(INTERVAL_MILLIS / 1000).append(" s of ").append(result.prefix())
                    .append(": ").append(result.rowsPerSecond().stream().map(rate -> String.format(Locale.ROOT,
                            "%,d", rate)).collect(Collectors.joining(", "))).append(".\n\n");
        }
        text.append("Both copies run one after the other in one JVM (broker, Connect worker, function endpoint), "
                + "MariaDB in its own process, with the shipped configs; every minute a full GC measures the live "
                + "heap, in both copies alike. Offset-commit figures are Connect's own task metrics "
                + "(`offset-commit-max-time-ms`, `offset-commit-failure-percentage`), the worst of samples taken "
                + "every ").append(INTERVAL_MILLIS / 1000).append(" s.\n");
        return text.toString();
    }
}
