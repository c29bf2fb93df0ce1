package dev.binlogfc.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a row's width and size cost on the whole path: full copies of the 10-column benchmark table, of a 200-column
 * table and of tables whose rows carry 1 MiB and 16 MiB of text, each through the shipped source and sink, in one
 * run and in that order (after an uncounted warm-up copy). Reports rows/s, MiB/s, CPU per row split by thread role,
 * and peak and live heap. Run with {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pwide-rows}.
 */
public final class WideRowsBenchmark {

    private static final int MIB = 1 << 20;
    private static final String[] WIDE_TYPES = {"INT", "VARCHAR(32)", "DECIMAL(12,2)", "DATETIME(3)", "DOUBLE"};
    private static final String[] WIDE_VALUES = {"seq * 7", "CONCAT('text-', seq)", "seq / 100",
        "'2026-01-01 12:34:56.789'", "seq * 0.5"};

    private WideRowsBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(WideRowsBenchmark::run);
    }

    /** One table to copy: its database (one table each), DDL, the INSERT ... SELECT filling it, and its row count. */
    private record Load(String name, String database, String createTable, String fill, int rows, long rowBytes) {
    }

    private record Result(Load load, int delivered, long elapsedMillis, ResourceMeter.Usage usage) {

        double rowsPerSecond() {
            return delivered * 1000.0 / elapsedMillis;
        }
    }

    private static void run() throws Exception {
        PrintStream out = System.out;
        int narrowRows = SystemProperties.positiveInt("wide.rows", 200_000);
        int megabyteRows = SystemProperties.positiveInt("wide.megabyteRows", 300);
        int largeRows = SystemProperties.positiveInt("wide.largeRows", 20);
        String machine = Machine.describe();
        out.println("Machine: " + machine);
        List<Load> loads = List.of(
                narrow("warmup", narrowRows), narrow("narrow", narrowRows),
                new Load("200 columns", "wide", "CREATE TABLE wide.t (id BIGINT PRIMARY KEY, version BIGINT NOT NULL, "
                        + IntStream.range(0, 198).mapToObj(c -> "c" + c + " " + WIDE_TYPES[c % WIDE_TYPES.length])
                                .collect(Collectors.joining(", ")) + ")",
                        "INSERT INTO wide.t SELECT seq, 0, " + IntStream.range(0, 198)
                                .mapToObj(c -> WIDE_VALUES[c % WIDE_VALUES.length]).collect(Collectors.joining(", "))
                                + " FROM wide.seq_1_to_" + narrowRows, narrowRows, 0),
                text("1 MiB rows", "mebibyte", megabyteRows, MIB),
                text("16 MiB rows", "large", largeRows, 16 * MIB - 4096));
        List<Result> results = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(Path.of(System.getProperty("bench.connectors",
                "examples/connectors")))) {
            stack.database().execute("SET GLOBAL max_allowed_packet = " + 64 * MIB);
            int serverId = 5440;
            for (Load load : loads) {
                stack.database().execute("CREATE DATABASE " + load.database(), load.createTable(), load.fill());
                Result result = copy(stack, load, serverId++, out);
                if (!load.name().equals("warmup")) {
                    results.add(result);
                }
            }
        }
        String section = section(machine, narrowRows, megabyteRows, largeRows, results);
        out.println(section);
        new ReportFile(Path.of(System.getProperty("bench.report", "BENCHMARKS.md"))).rewriteSection("wide-rows",
                section);
    }

    private static Load narrow(String database, int rows) {
        return new Load(database.equals("warmup") ? "warmup" : "10 columns", database,
                "CREATE TABLE " + database + ".t (id BIGINT NOT NULL PRIMARY KEY, version BIGINT NOT NULL, "
                        + "name VARCHAR(32) NOT NULL, city VARCHAR(32), amount DECIMAL(12,2), quantity INT, "
                        + "score DOUBLE, status TINYINT, created DATETIME(3), note VARCHAR(64))",
                "INSERT INTO " + database + ".t SELECT seq, 0, CONCAT('name-', seq), CONCAT('city-', seq % 97), "
                        + "seq % 10000 + 0.25, seq % 50, seq * 0.5, seq % 3, '2026-01-01 00:00:00.000', 'seeded' "
                        + "FROM " + database + ".seq_1_to_" + rows, rows, 0);
    }

    /** Rows of {@code bytes} of hexadecimal text each (MD5 digests, so that nothing compresses them away). */
    private static Load text(String name, String database, int rows, int bytes) {
        return new Load(name, database, "CREATE TABLE " + database + ".t (id BIGINT PRIMARY KEY, version BIGINT NOT "
                + "NULL, payload LONGTEXT)", "INSERT INTO " + database + ".t SELECT seq, 0, LEFT(REPEAT(MD5(seq), "
                + (bytes / 32 + 1) + "), " + bytes + ") FROM " + database + ".seq_1_to_" + rows, rows, bytes);
    }

    private static Result copy(BenchStack stack, Load load, int serverId, PrintStream out)
            throws InterruptedException {
        out.printf(Locale.ROOT, "Full copy of %,d rows (%s) ...%n", load.rows(), load.name());
        List<ConnectorConfig> pipeline = stack.pipeline(load.database(), serverId);
        ConnectorConfig source = pipeline.get(0).with(pipeline.get(0).name(), Map.of("databases", load.database()));
        ConnectorConfig sink = pipeline.get(1).with(pipeline.get(1).name(), Map.of("topics.regex",
                load.database() + "\\." + load.database() + "(\\..+)?"));
        SnapshotTracker tracker = new SnapshotTracker(load.rows());
        try (EndpointProbe probe = EndpointProbe.consuming(stack.endpoint());
             ResourceMeter meter = ResourceMeter.start(sink.name())) {
            probe.deliverTo(tracker);
            long start = System.currentTimeMillis();
            stack.post(source);
            stack.post(sink);
            boolean complete = tracker.await(Duration.ofSeconds(300));
            long end = complete ? tracker.lastReceiptMillis() : System.currentTimeMillis();
            probe.reset();
            Result result = new Result(load, tracker.distinct(), end - start, meter.usage());
            out.printf(Locale.ROOT, "  %,d of %,d in %.1f s: %,.1f rows/s%n", result.delivered(), load.rows(),
                    result.elapsedMillis() / 1000.0, result.rowsPerSecond());
            stack.delete(sink);
            stack.delete(source);
            return result;
        }
    }

    private static String section(String machine, int narrowRows, int megabyteRows, int largeRows,
                                  List<Result> results) {
        StringBuilder text = new StringBuilder("## Wide and large rows\n\nRun on ")
                .append(java.time.LocalDate.now()).append(". Machine: ").append(machine)
                .append(".\n\nCommand:\n\n```\n./mvnw -q -pl benchmarks -am package -DskipTests -Pwide-rows")
                .append(" -Dwide.rows=").append(narrowRows).append(" -Dwide.megabyteRows=").append(megabyteRows)
                .append(" -Dwide.largeRows=").append(largeRows).append("\n```\n\n")
                .append("| Table | Rows | Delivered | Seconds | Rows/s | MiB/s of column text | CPU ms per row | "
                        + "CPU per row by thread | Peak heap (MiB) | Live heap after (MiB) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Result result : results) {
            ResourceMeter.Usage usage = result.usage();
            double perRow = usage.cpuNanos() / 1e6 / Math.max(1, result.delivered());
            String byRole = usage.cpuNanosByRole().entrySet().stream()
                    .filter(entry -> entry.getValue() * 20 >= usage.cpuNanos())
                    .sorted(Map.Entry.<ThreadRole, Long>comparingByValue().reversed())
                    .map(entry -> String.format(Locale.ROOT, "%s %.3f", entry.getKey().label(),
                            entry.getValue() / 1e6 / Math.max(1, result.delivered())))
                    .collect(Collectors.joining(", "));
            text.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,.1f | %s | %.3f | %s | %,d | %,d |%n",
                    result.load().name(), result.load().rows(), result.delivered(), result.elapsedMillis() / 1000.0,
                    result.rowsPerSecond(), result.load().rowBytes() == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
                            result.rowsPerSecond() * result.load().rowBytes() / MIB), perRow, byRole,
                    usage.peakHeapBytes() >> 20, usage.liveHeapBytes() >> 20));
        }
        Result narrow = results.get(0);
        Result wide = results.get(1);
        text.append(String.format(Locale.ROOT, "%n200 columns against 10, in this run: %.2f x the CPU per row, "
                        + "%.2f x the rows/s.%n%n", wide.usage().cpuNanos() / (double) wide.delivered()
                        / (narrow.usage().cpuNanos() / (double) narrow.delivered()),
                wide.rowsPerSecond() / narrow.rowsPerSecond()));
        text.append("Each table has a database of its own, copied by the shipped source and sink under names of their "
                + "own; the rows are seeded with INSERT ... SELECT from MariaDB's sequence engine. CPU is this JVM's "
                + "(broker, Connect worker, function endpoint, probes), by thread role with roles under 5 % left "
                + "out; MariaDB runs in its own process and is not counted. Rows/s runs from posting the connectors "
                + "(including their start) to the last row's receipt.\n");
        return text.toString();
    }
}
