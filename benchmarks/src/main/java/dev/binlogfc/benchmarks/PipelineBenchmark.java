package dev.binlogfc.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The end-to-end benchmark: the same loads through Debezium into Kafka alone (the ceiling on this machine) and
 * through the whole pipeline (Debezium, Canal SMT, Kafka, FC sink, local function), printed as a table and written
 * to BENCHMARKS.md. Run with {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pbenchmark}.
 */
public final class PipelineBenchmark {

    static final String PIPELINE = "Debezium + Canal SMT -> Kafka -> FC sink -> function";

    private PipelineBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(PipelineBenchmark::run);
    }

    private static void run() throws Exception {
        PrintStream out = System.out;
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        String machine = Machine.describe();
        // The shipped example configs carry the producer and poll settings; only -Dbench.source adds to them.
        Map<String, String> sourceChanges = settings.sourceChanges();
        out.println("Machine: " + machine);
        out.println("Starting MariaDB, Kafka + Connect and the local function endpoint ...");
        ResultTable table = new ResultTable();
        String endpointStatistics;
        try (BenchStack stack = BenchStack.start(settings.connectors())) {
            BenchTable benchTable = new BenchTable(stack.database());
            benchTable.create();
            long seedStart = System.nanoTime();
            benchTable.seed(settings.rows());
            out.printf(Locale.ROOT, "Seeded %,d rows in %.1f s%n", settings.rows(), (System.nanoTime() - seedStart) / 1e9);
            String sinkName = stack.sink().name();
            try (EndpointProbe endpointProbe = EndpointProbe.consuming(stack.endpoint())) {
                // Each full-copy round starts each path's connectors afresh, under names and topics of their own.
                IntFunction<BenchPath> ceilingPath = round -> {
                    ConnectorConfig ceiling = stack.ceilingSource(BenchStack.CEILING_PREFIX + round, 5600 + round);
                    ConnectorConfig source = ceiling.with(ceiling.name(), sourceChanges);
                    TopicProbe topicProbe = new TopicProbe(stack.connect().bootstrapServers(),
                            BenchStack.topic(BenchStack.CEILING_PREFIX + round));
                    return new BenchPath(ResultTable.CEILING, topicProbe, new PathControl(() -> stack.post(source),
                            () -> stack.pause(source), () -> stack.resume(source), () -> {
                                stack.delete(source);
                                topicProbe.close();
                            }));
                };
                IntFunction<BenchPath> pipelinePath = round -> {
                    List<ConnectorConfig> pipeline = stack.pipeline(BenchStack.PIPELINE_PREFIX + round, 5500 + round);
                    ConnectorConfig source = pipeline.get(0).with(pipeline.get(0).name(), sourceChanges);
                    ConnectorConfig sink = pipeline.get(1).with(pipeline.get(1).name(), settings.sinkChanges());
                    return new BenchPath(PIPELINE, endpointProbe, new PathControl(() -> {
                        stack.post(source);
                        stack.post(sink);
                    }, () -> stack.pause(source, sink), () -> stack.resume(source, sink), () -> {
                        stack.delete(sink);
                        stack.delete(source);
                    }));
                };
                // Each round's sink is named after the shipped one, which its task threads' names start with.
                new LoadRunner(new ChangeWriter(stack.database(), settings.rows()), settings, table, out,
                        List.of(ceilingPath, pipelinePath), sinkName).runAll();
                endpointStatistics = endpointProbe.statistics();
            }
        }
        String markdown = table.markdown();
        out.println();
        out.println(markdown);
        out.println("Function endpoint: " + endpointStatistics);
        new ReportFile(settings.report()).rewriteSection("benchmark",
                section(settings, machine, sourceChanges, markdown, endpointStatistics));
        out.println("Wrote the table to " + settings.report().toAbsolutePath().normalize());
    }

    private static String section(BenchmarkSettings settings, String machine, Map<String, String> sourceChanges,
                                  String markdown, String endpointStatistics) {
        return "## End-to-end benchmark\n\n"
                + "Machine: " + machine + ".\n\n"
                + "Command:\n\n```\n" + settings.command() + "\n```\n\n"
                + "Source changes on top of `examples/connectors/source-mariadb-canal.json` (both paths): `"
                + sourceChanges + "`. Sink changes on top of `examples/connectors/sink-fc.json`: `"
                + settings.sinkChanges() + "`.\n\n"
                + markdown + "\n"
                + "Function endpoint: " + endpointStatistics + ".\n\n"
                + "How to read it: *Rows/s* runs from connector start (full copy) or the first commit (changes) to "
                + "the receipt of the last row; *% of ceiling* compares with Debezium alone into Kafka, read back "
                + "from the topic, in the same run. Incremental and steady loads run through one path, "
                + "then the other. The full copies run in rounds: in each, every path copies the table alone with "
                + "connectors of its own, started from nothing; the catch-ups run in rounds too: the writer commits "
                + "the changes once with both paths paused, then each path reads them alone, so both read the same "
                + "backlog seconds apart. In both, the first path alternates from round to round, the first rounds "
                + "are not counted, and the pipeline's *% of ceiling* is the median of the round-by-round ratios. Latency is from the writer's commit "
                + "(its wall clock right after COMMIT returned) to the function endpoint's receipt time, both this machine's clock: the Canal "
                + "`es` comes from the binlog event header, which has whole-second resolution, so it cannot time "
                + "sub-second latency. CPU and heap are this JVM's, which runs the broker, the Connect worker, the "
                + "function endpoint and the readers; MariaDB runs in its own process and is not counted. The JVM "
                + "has a fixed heap of `bench.heap`, touched at start (`-Xms` = `-Xmx`, `-XX:+AlwaysPreTouch`), so "
                + "*peak heap* is how far G1 let the heap fill before collecting, and *live heap*, measured after a "
                + "full GC, is what the stack really holds.\n";
    }
}
