package dev.binlogfc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pipeline with a function that takes time: the local endpoint holds each invocation for a fixed latency (plus,
 * optionally, a latency per record) before it answers. For each concurrency (batches of one partition in flight,
 * under {@code delivery.order=key}) it measures a full copy and a catch-up with an instant function and with each
 * latency, one after the other in one run, each through a source and sink of its own; every run checks that no
 * key's version went backwards. Run with {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pslow-function}.
 */
public final class SlowFunctionBenchmark {

    private static final String SECTION = "slow-function";
    private static final int TX_ROWS = 100;
    /** The sink's batch.max.records in the shipped config (its default). */
    private static final int BATCH_RECORDS = 2_000;

    /** What one run is given. */
    private record Settings(int rows, int catchUpChanges, int catchUpKeys, List<Integer> latenciesMillis,
                            List<Integer> concurrencies, int perRecordMicros, Path report, Path connectors) {

        static Settings fromSystemProperties() {
            Settings settings = new Settings(SystemProperties.positiveInt("slow.rows", 200_000),
                    SystemProperties.positiveInt("slow.catchUpChanges", 100_000),
                    SystemProperties.positiveInt("slow.catchUpKeys", 20_000),
                    ints("slow.latencies", "20,100,300"), ints("slow.concurrencies", "1,4,16"),
                    Integer.parseInt(System.getProperty("slow.perRecordMicros", "0")),
                    Path.of(System.getProperty("bench.report", "BENCHMARKS.md")),
                    Path.of(System.getProperty("bench.connectors", "examples/connectors")));
            if (settings.catchUpKeys() > settings.rows()) {
                throw new IllegalArgumentException("-Dslow.catchUpKeys must not exceed -Dslow.rows");
            }
            return settings;
        }

        String command() {
            return "./mvnw -q -pl benchmarks -am package -DskipTests -Pslow-function -Dslow.rows=" + rows
                    + " -Dslow.catchUpChanges=" + catchUpChanges + " -Dslow.catchUpKeys=" + catchUpKeys
                    + " -Dslow.latencies=" + join(latenciesMillis) + " -Dslow.concurrencies=" + join(concurrencies)
                    + " -Dslow.perRecordMicros=" + perRecordMicros;
        }

        private static List<Integer> ints(String property, String defaults) {
            return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::strip)
                    .map(Integer::valueOf).toList();
        }

        private static String join(List<Integer> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    /** One latency and concurrency: its full copy and catch-up. */
    private record Run(int latencyMillis, int concurrency, double copyRate, boolean copyComplete, double catchUpRate,
                       boolean catchUpComplete, String batches, KeyOrderCheck order) {

        boolean passed() {
            return copyComplete && catchUpComplete && order.passed();
        }
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(SlowFunctionBenchmark::run);
    }

    private static void run() throws Exception {
        PrintStream out = System.out;
        Settings settings = Settings.fromSystemProperties();
        String machine = Machine.describe();
        out.println("Machine: " + machine);
        long started = System.nanoTime();
        List<Run> runs = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(settings.connectors())) {
            BenchTable table = new BenchTable(stack.database());
            table.create();
            table.seed(settings.rows());
            // The catch-ups update the first catchUpKeys rows, each several times: batches in flight collide on keys.
            ChangeWriter writer = new ChangeWriter(stack.database(),
                    version -> (version - 1) % settings.catchUpKeys() + 1, row -> BenchTable.QUALIFIED);
            SlowFunctionBenchmark benchmark = new SlowFunctionBenchmark(stack, writer, settings, out);
            // A fresh JVM's first copy also pays for compiling the whole path: run one and do not count it.
            Run warmUp = benchmark.measure(0, 4, "warm-up");
            out.println("  warm-up, not counted: " + describe(warmUp));
            for (int concurrency : settings.concurrencies()) {
                runs.add(benchmark.measure(0, concurrency, "c" + concurrency + "l0"));
                for (int latency : settings.latenciesMillis()) {
                    runs.add(benchmark.measure(latency, concurrency, "c" + concurrency + "l" + latency));
                }
            }
        }
        String section = section(settings, machine, runs, (System.nanoTime() - started) / 1e9, loadAverage());
        out.println();
        out.println(section);
        new ReportFile(settings.report()).rewriteSection(SECTION, section);
        out.println("Wrote the table to " + settings.report().toAbsolutePath().normalize());
        if (!runs.stream().allMatch(Run::passed)) {
            throw new AssertionError("A run lost records or delivered a key out of order; see the table");
        }
    }

    private final BenchStack stack;
    private final ChangeWriter writer;
    private final Settings settings;
    private final PrintStream out;
    private long nextVersion = 1;
    private int nextServerId = 5700;

    private SlowFunctionBenchmark(BenchStack stack, ChangeWriter writer, Settings settings, PrintStream out) {
        this.stack = stack;
        this.writer = writer;
        this.settings = settings;
        this.out = out;
    }

    /**
     * A full copy by a new source and sink (topics under {@code prefix}), then a catch-up: both paused, the writer
     * commits the changes, both resumed. Each is timed from its start (connector start, resume) to the moment the
     * probe saw the function finish its last record, which is after the function's latency.
     */
    private Run measure(int latencyMillis, int concurrency, String prefix) throws InterruptedException {
        out.printf(Locale.ROOT, "Function latency %d ms, %d batches in flight (%s) ...%n", latencyMillis, concurrency,
                prefix);
        stack.endpoint().faults().functionLatency(Duration.ofMillis(latencyMillis),
                Duration.ofNanos(settings.perRecordMicros() * 1_000L));
        List<ConnectorConfig> pipeline = stack.pipeline(prefix, nextServerId++);
        ConnectorConfig source = pipeline.get(0);
        ConnectorConfig sink = pipeline.get(1).with(pipeline.get(1).name(), Map.of(
                "delivery.order", "key",
                "max.in.flight.batches.per.partition", Integer.toString(concurrency),
                "max.concurrent.invocations", Integer.toString(concurrency)));
        KeyOrderCheck order = new KeyOrderCheck();
        try (EndpointProbe probe = EndpointProbe.consuming(stack.endpoint())) {
            SnapshotTracker copied = new SnapshotTracker(settings.rows());
            probe.deliverTo(finishedNow(copied, order));
            long copyStart = System.currentTimeMillis();
            stack.post(source);
            stack.post(sink);
            boolean copyComplete = copied.await(Duration.ofSeconds(120 + settings.rows() / 500));
            long copyEnd = copyComplete ? copied.lastReceiptMillis() : System.currentTimeMillis();

            stack.pause(source, sink);
            ChangeTracker changes = new ChangeTracker(nextVersion, settings.catchUpChanges());
            nextVersion += settings.catchUpChanges();
            writer.write(changes, TX_ROWS, 0, Duration.ZERO);
            probe.deliverTo(finishedNow(changes, order));
            long catchUpStart = System.currentTimeMillis();
            stack.resume(source, sink);
            boolean catchUpComplete = changes.await(Duration.ofSeconds(120 + settings.catchUpChanges() / 500));
            long catchUpEnd = catchUpComplete ? changes.lastReceiptMillis() : System.currentTimeMillis();
            stack.delete(sink);
            stack.delete(source);
            Run run = new Run(latencyMillis, concurrency, copied.distinct() * 1000.0 / (copyEnd - copyStart),
                    copyComplete, changes.received() * 1000.0 / (catchUpEnd - catchUpStart), catchUpComplete,
                    probe.batchStatistics(), order);
            out.println("  " + describe(run));
            return run;
        } finally {
            stack.endpoint().faults().functionLatency(Duration.ZERO, Duration.ZERO);
        }
    }

    /**
     * Reports each record to both, timed when the probe sees it: the endpoint records a batch once the function's
     * latency has passed, while the batch's own receipt time is when the invocation arrived.
     */
    private static Delivery finishedNow(Delivery first, Delivery second) {
        return (key, version, snapshot, receiptMillis) -> {
            long now = System.currentTimeMillis();
            first.received(key, version, snapshot, now);
            second.received(key, version, snapshot, now);
        };
    }

    private static String describe(Run run) {
        return String.format(Locale.ROOT, "full copy %,.0f rows/s%s, catch-up %,.0f rows/s%s; %s; key order: %s",
                run.copyRate(), run.copyComplete() ? "" : " (timed out)", run.catchUpRate(),
                run.catchUpComplete() ? "" : " (timed out)", run.batches(), run.order().summary());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String section(Settings settings, String machine, List<Run> runs, double seconds,
                                  String loadAtEnd) {
        StringBuilder text = new StringBuilder("## Slow function: key-ordered concurrency\n\n");
        text.append("Machine: ").append(machine).append("; `/proc/loadavg` at the end: ").append(loadAtEnd)
                .append(String.format(Locale.ROOT, ". The whole table took %.1f minutes.%n%n", seconds / 60))
                .append("Command:\n\n```\n").append(settings.command()).append("\n```\n\n")
                .append(String.format(Locale.ROOT, "Each row: a full copy of %,d rows, then a catch-up of %,d "
                                + "changes over the first %,d keys (each key changed %.0f times, so batches in flight "
                                + "collide on keys), by a source and sink of their own with the shipped configs plus "
                                + "`delivery.order=key`, `max.in.flight.batches.per.partition` and "
                                + "`max.concurrent.invocations` set to the concurrency; one topic partition. The local "
                                + "function holds each invocation for the latency%s before answering. *x instant* "
                                + "divides by the instant function (latency 0) at the same concurrency, measured "
                                + "minutes apart in the same run. *Bound* is concurrency x %,d records (batch.max"
                                + ".records) / latency.%n%n", settings.rows(), settings.catchUpChanges(),
                        settings.catchUpKeys(), (double) settings.catchUpChanges() / settings.catchUpKeys(),
                        settings.perRecordMicros() == 0 ? "" : " plus " + settings.perRecordMicros() + " us per record",
                        BATCH_RECORDS))
                .append("| Latency | Concurrency | Bound rows/s | Full copy rows/s | x instant | Catch-up rows/s "
                        + "| x instant | Batches | Per-key order |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (Run run : runs) {
            Run instant = runs.stream().filter(other -> other.concurrency() == run.concurrency()
                    && other.latencyMillis() == 0).findFirst().orElseThrow();
            text.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f%s | %.2f | %,.0f%s | %.2f | %s | %s |%n",
                    run.latencyMillis() == 0 ? "instant" : run.latencyMillis() + " ms", run.concurrency(),
                    run.latencyMillis() == 0 ? "-" : String.format(Locale.ROOT, "%,d",
                            run.concurrency() * BATCH_RECORDS * 1000L / run.latencyMillis()),
                    run.copyRate(), run.copyComplete() ? "" : " (timed out)", run.copyRate() / instant.copyRate(),
                    run.catchUpRate(), run.catchUpComplete() ? "" : " (timed out)",
                    run.catchUpRate() / instant.catchUpRate(), run.batches(), run.order().summary()));
        }
        text.append('\n');
        for (int concurrency : settings.concurrencies()) {
            runs.stream().filter(run -> run.latencyMillis() == 100 && run.concurrency() == concurrency).findFirst()
                    .ifPresent(run -> {
                        Run instant = runs.stream().filter(other -> other.concurrency() == concurrency
                                && other.latencyMillis() == 0).findFirst().orElseThrow();
                        double copy = run.copyRate() / instant.copyRate();
                        double catchUp = run.catchUpRate() / instant.catchUpRate();
                        text.append(String.format(Locale.ROOT, "Target at 100 ms (at least 0.8 x instant), "
                                        + "concurrency %d: full copy %.2f, catch-up %.2f: %s.%n%n", concurrency, copy,
                                catchUp, copy >= 0.8 && catchUp >= 0.8 ? "met" : "not met"));
                    });
        }
        return text.toString();
    }
}
