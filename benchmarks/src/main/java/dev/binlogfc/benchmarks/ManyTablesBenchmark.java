package dev.binlogfc.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How the pipeline grows with the number of tables: {@code many.tables} tables of {@code many.rowsPerTable} rows
 * each, copied by the shipped source and sink (one topic per table), then changes to random rows of random tables
 * at {@code many.rate} per second for {@code many.seconds}. Row ids are unique across the tables, so one tracker
 * checks the whole copy. Each layout of {@code many.layouts} runs in turn with connectors of its own: the shipped
 * topic per table ({@code table-topics}), the same with the topics created beforehand ({@code precreated}, which
 * tells whether creating them on the way limits the copy), or every table routed onto one topic of N partitions
 * ({@code routed:N}). Run with {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pmany-tables}.
 */
public final class ManyTablesBenchmark {

    private static final String PREFIX = "many";
    /** An odd multiplier not divisible by 5 spreads consecutive versions over all rows, one change per row. */
    private static final long SPREAD = 2_654_435_761L;

    private ManyTablesBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(ManyTablesBenchmark::run);
    }

    /** One layout's figures. */
    private record LayoutResult(String layout, String preparation, SnapshotTracker copy, long startMillis,
                                long endMillis, long topics, long heapAfterCopyBytes, ChangeTracker changes,
                                double writeRate) {
    }

    private static void run() throws Exception {
        PrintStream out = System.out;
        int tables = SystemProperties.positiveInt("many.tables", 1_000);
        int rowsPerTable = SystemProperties.positiveInt("many.rowsPerTable", 1_000);
        int rate = SystemProperties.positiveInt("many.rate", 1_000);
        int seconds = SystemProperties.positiveInt("many.seconds", 60);
        int txRows = SystemProperties.positiveInt("many.txRows", 10);
        List<String> layouts = List.of(System.getProperty("many.layouts", "table-topics,precreated,routed:8")
                .strip().split("\\s*,\\s*"));
        String machine = Machine.describe();
        out.println("Machine: " + machine);
        StringBuilder report = new StringBuilder("## Scale: many tables\n\nRun on ")
                .append(java.time.LocalDate.now()).append(". Machine: ").append(machine)
                .append(".\n\nCommand:\n\n```\n./mvnw -q -pl benchmarks -am package -DskipTests -Pmany-tables")
                .append(" -Dmany.tables=").append(tables).append(" -Dmany.rowsPerTable=").append(rowsPerTable)
                .append(" -Dmany.rate=").append(rate).append(" -Dmany.seconds=").append(seconds)
                .append(" -Dmany.txRows=").append(txRows).append(" -Dmany.layouts=")
                .append(String.join(",", layouts)).append("\n```\n\n");
        List<LayoutResult> results = new ArrayList<>();
        long heapBefore;
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
            heapBefore = liveHeapBytes();
            ChangeWriter writer = new ChangeWriter(stack.database(),
                    version -> Math.floorMod(version * SPREAD, (long) tables * rowsPerTable) + 1,
                    row -> BenchTable.DATABASE + "." + tableName((int) ((row - 1) / rowsPerTable)));
            for (int index = 0; index < layouts.size(); index++) {
                String prefix = PREFIX + index;
                ChangeTracker changes = new ChangeTracker(1 + (long) index * rate * seconds, rate * seconds);
                results.add(runLayout(stack, probe, layouts.get(index), prefix, 5430 + index, tables * rowsPerTable,
                        tables, changes, writer, txRows, rate, out));
            }
        }
        report.append("| Layout | Topics | Time to first INIT row (s) | Copy (s) | Rows/s | Live heap after the copy "
                        + "(MiB) | Changes received (duplicates) | Changes/s written | Latency p50 / p99 / max (ms) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LayoutResult result : results) {
            long[] latencies = result.changes().sortedLatencies();
            SnapshotTracker copy = result.copy();
            report.append(String.format(Locale.ROOT, "| %s%s | %,d | %.1f | %.1f | %,.0f | %,d | %,d of %,d (%,d) | "
                            + "%,.0f | %d / %d / %d |%n", result.layout(), result.preparation(), result.topics(),
                    (copy.firstReceiptMillis() - result.startMillis()) / 1000.0,
                    (result.endMillis() - result.startMillis()) / 1000.0,
                    copy.distinct() * 1000.0 / (result.endMillis() - result.startMillis()),
                    result.heapAfterCopyBytes() >> 20, result.changes().received(), result.changes().count(),
                    result.changes().duplicates(), result.writeRate(), percentile(latencies, 0.5),
                    percentile(latencies, 0.99), percentile(latencies, 1.0)));
        }
        report.append(String.format(Locale.ROOT, "%nAll layouts run one after the other in one JVM (broker, Connect "
                + "worker, function endpoint), each copying the same tables with connectors of its own and then "
                + "streaming changes to random rows of random tables; the live heap before any connector ran was "
                + "%,d MiB. Rows/s runs from posting the connectors to the last row's receipt.%n", heapBefore >> 20));
        out.println(report);
        new ReportFile(Path.of(System.getProperty("bench.report", "BENCHMARKS.md")))
                .rewriteSection("many-tables", report.toString());
    }

    private static LayoutResult runLayout(BenchStack stack, EndpointProbe probe, String layout, String prefix,
                                          int serverId, int rows, int tables, ChangeTracker changes,
                                          ChangeWriter writer, int txRows, int rate, PrintStream out)
            throws Exception {
        out.printf(Locale.ROOT, "Layout %s: full copy of %,d rows in %,d tables ...%n", layout, rows, tables);
        List<ConnectorConfig> pipeline = stack.pipeline(prefix, serverId);
        ConnectorConfig source = pipeline.get(0);
        String preparation = "";
        if (layout.equals("precreated")) {
            long created = System.currentTimeMillis();
            createTableTopics(stack, prefix, tables);
            preparation = String.format(Locale.ROOT, " (created in %.1f s)",
                    (System.currentTimeMillis() - created) / 1000.0);
        } else if (layout.startsWith("routed:")) {
            source = source.with(source.name(), routedTo(prefix, Integer.parseInt(layout.substring(7))));
        } else if (!layout.equals("table-topics")) {
            throw new IllegalArgumentException("-Dmany.layouts lists table-topics, precreated or routed:<partitions>,"
                    + " not " + layout);
        }
        SnapshotTracker copy = new SnapshotTracker(rows);
        probe.deliverTo(copy);
        long start = System.currentTimeMillis();
        stack.post(source);
        stack.post(pipeline.get(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(600 + rows / 1_000).toNanos();
        boolean complete = false;
        while (!complete && System.nanoTime() < deadline) {
            complete = copy.await(Duration.ofSeconds(10));
            out.printf(Locale.ROOT, "  %,d rows after %.0f s%n", copy.distinct(),
                    (System.currentTimeMillis() - start) / 1000.0);
        }
        long end = complete ? copy.lastReceiptMillis() : System.currentTimeMillis();
        long topics;
        try (Admin admin = admin(stack)) {
            topics = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(prefix + "." + BenchTable.DATABASE + ".")).count();
        }
        long heapAfterCopy = liveHeapBytes();
        probe.deliverTo(changes);
        long writeNanos = writer.write(changes, txRows, rate, Duration.ZERO);
        changes.await(Duration.ofSeconds(180));
        LayoutResult result = new LayoutResult(layout, preparation, copy, start, end, topics, heapAfterCopy, changes,
                changes.count() * 1e9 / writeNanos);
        long[] latencies = changes.sortedLatencies();
        out.printf(Locale.ROOT, "  copy %.1f s; %,d of %,d changes, p99 %d ms%n", (end - start) / 1000.0,
                changes.received(), changes.count(), percentile(latencies, 0.99));
        stack.delete(pipeline.get(1));
        stack.delete(source);
        return result;
    }

    /**
     * The documented alternative to a topic per table: Kafka's RegexRouter moves every table's records onto one topic
     * of {@code partitions} partitions, which Connect creates; records stay keyed by primary key, so each key keeps
     * its order.
     */
    private static Map<String, String> routedTo(String prefix, int partitions) {
        String topic = prefix + "." + BenchTable.DATABASE + ".rows";
        return Map.of("transforms", "rowSize,route",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
                "transforms.route.regex", prefix + "\\." + BenchTable.DATABASE + "\\..+",
                "transforms.route.replacement", topic,
                "topic.creation.groups", "routed",
                "topic.creation.routed.include", topic.replace(".", "\\."),
                "topic.creation.routed.partitions", Integer.toString(partitions));
    }

    private static void createTableTopics(BenchStack stack, String prefix, int tables) throws Exception {
        try (Admin admin = admin(stack)) {
            admin.createTopics(java.util.stream.IntStream.range(0, tables)
                    .mapToObj(table -> new NewTopic(prefix + "." + BenchTable.DATABASE + "." + tableName(table), 1,
                            (short) 1)
                            .configs(Map.of("max.message.bytes", "20971520")))
                    .toList()).all().get();
        }
    }

    private static Admin admin(BenchStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.connect().bootstrapServers()));
    }

    static String tableName(int table) {
        return String.format(Locale.ROOT, "t%04d", table);
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
