package dev.binlogfc.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How the pipeline grows with the number of tables: {@code many.tables} tables of {@code many.rowsPerTable} rows
 * each, copied by the shipped source and sink (one topic per table), then changes to random rows of random tables
 * at {@code many.rate} per second for {@code many.seconds}. Row ids are unique across the tables, so one tracker
 * checks the whole copy. Run with {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pmany-tables}.
 */
public final class ManyTablesBenchmark {

    private static final String PREFIX = "many";
    /** An odd multiplier not divisible by 5 spreads consecutive versions over all rows, one change per row. */
    private static final long SPREAD = 2_654_435_761L;

    private ManyTablesBenchmark() {
    }

    public static void main(String[] args) {
        // Kafka's and Debezium's non-daemon threads would keep the JVM alive after a failure.
        try {
            run();
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        PrintStream out = System.out;
        int tables = SystemProperties.positiveInt("many.tables", 1_000);
        int rowsPerTable = SystemProperties.positiveInt("many.rowsPerTable", 1_000);
        int rate = SystemProperties.positiveInt("many.rate", 1_000);
        int seconds = SystemProperties.positiveInt("many.seconds", 60);
        int txRows = SystemProperties.positiveInt("many.txRows", 10);
        int rows = tables * rowsPerTable;
        String machine = Machine.describe();
        out.println("Machine: " + machine);
        StringBuilder report = new StringBuilder("## Scale: many tables\n\nMachine: ").append(machine)
                .append(".\n\nCommand:\n\n```\n./mvnw -q -pl benchmarks -am package -DskipTests -Pmany-tables")
                .append(" -Dmany.tables=").append(tables).append(" -Dmany.rowsPerTable=").append(rowsPerTable)
                .append(" -Dmany.rate=").append(rate).append(" -Dmany.seconds=").append(seconds)
                .append(" -Dmany.txRows=").append(txRows).append("\n```\n\n");
        try (BenchStack stack = BenchStack.start(Path.of(System.getProperty("bench.connectors",
                "examples/connectors")));
             EndpointProbe probe = EndpointProbe.consuming(stack.endpoint())) {
            long createStart = System.nanoTime();
            for (int table = 0; table < tables; table++) {
                BenchTable benchTable = new BenchTable(stack.database(), tableName(table));
                benchTable.create();
                benchTable.seed((long) table * rowsPerTable + 1, (long) (table + 1) * rowsPerTable);
            }
            line(out, report, "Created and filled %,d tables of %,d rows in %.0f s.", tables, rowsPerTable,
                    (System.nanoTime() - createStart) / 1e9);
            long heapBefore = liveHeapBytes();

            List<ConnectorConfig> pipeline = stack.pipeline(PREFIX, 5430);
            SnapshotTracker copy = new SnapshotTracker(rows);
            probe.deliverTo(copy);
            long start = System.currentTimeMillis();
            stack.post(pipeline.get(0));
            stack.post(pipeline.get(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(600 + rows / 1_000).toNanos();
            boolean complete = false;
            while (!complete && System.nanoTime() < deadline) {
                complete = copy.await(Duration.ofSeconds(10));
                out.printf(Locale.ROOT, "  %,d rows after %.0f s%n", copy.distinct(),
                        (System.currentTimeMillis() - start) / 1000.0);
            }
            long end = complete ? copy.lastReceiptMillis() : System.currentTimeMillis();
            line(out, report, "Full copy: %,d of %,d rows (%,d duplicates); first INIT row after %.1f s, last after "
                            + "%.1f s: %,.0f rows/s from the connectors' start, %,.0f rows/s from the first row.",
                    copy.distinct(), rows, copy.duplicates(), (copy.firstReceiptMillis() - start) / 1000.0,
                    (end - start) / 1000.0, copy.distinct() * 1000.0 / (end - start),
                    copy.distinct() * 1000.0 / Math.max(1, end - copy.firstReceiptMillis()));
            long topics;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.connect().bootstrapServers()))) {
                topics = admin.listTopics().names().get().stream().filter(name -> name.startsWith(PREFIX + "." + BenchTable.DATABASE + "."))
                        .count();
            }
            long heapAfterCopy = liveHeapBytes();
            line(out, report, "Table topics (%s.%s.*): %,d. Live heap of this JVM (broker, Connect worker, function "
                            + "endpoint) after a full GC: %,d MiB before the connectors started, %,d MiB after "
                            + "the copy.", PREFIX, BenchTable.DATABASE, topics, heapBefore >> 20, heapAfterCopy >> 20);

            ChangeTracker changes = new ChangeTracker(1, rate * seconds);
            probe.deliverTo(changes);
            ChangeWriter writer = new ChangeWriter(stack.database(),
                    version -> Math.floorMod(version * SPREAD, (long) rows) + 1,
                    row -> tableName((int) ((row - 1) / rowsPerTable)));
            long writeNanos = writer.write(changes, txRows, rate, Duration.ZERO);
            boolean arrived = changes.await(Duration.ofSeconds(120 + seconds));
            long[] latencies = changes.sortedLatencies();
            line(out, report, "Streaming: %,d changes to random rows of the %,d tables at %,.0f/s (transactions of "
                            + "%d): %,d received%s, %,d duplicates; latency from commit to the function p50 %d ms, "
                            + "p99 %d ms, max %d ms.", rate * seconds, tables, rate * seconds * 1e9 / writeNanos,
                    txRows, changes.received(), arrived ? "" : " (timed out)", changes.duplicates(),
                    percentile(latencies, 0.5), percentile(latencies, 0.99), percentile(latencies, 1.0));
            line(out, report, "Live heap after a full GC at the end: %,d MiB.", liveHeapBytes() >> 20);
        }
        new ReportFile(Path.of(System.getProperty("bench.report", "BENCHMARKS.md")))
                .rewriteSection("many-tables", report.toString());
    }

    static String tableName(int table) {
        return String.format(Locale.ROOT, "%s.t%04d", BenchTable.DATABASE, table);
    }

    private static void line(PrintStream out, StringBuilder report, String format, Object... arguments) {
        String text = String.format(Locale.ROOT, format, arguments);
        out.println(text);
        report.append(text).append("\n\n");
    }

    private static long liveHeapBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
    }
}
