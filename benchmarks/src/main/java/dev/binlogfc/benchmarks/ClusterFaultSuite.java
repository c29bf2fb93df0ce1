package dev.binlogfc.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The multi-worker suite: {@link ClusterRun} once per {@code scheduled.rebalance.max.delay.ms} value, each on a
 * fresh stack, then a section of BENCHMARKS.md with every phase's recovery. Run with
 * {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pcluster}; exits non-zero when a run lost a change, broke
 * a key's order, repeated an id with another change, or did not recover from a phase.
 */
public final class ClusterFaultSuite {

    private ClusterFaultSuite() {
    }

    public static void main(String[] args) {
        SuiteProgram.exitWith(ClusterFaultSuite::run);
    }

    private static boolean run(PrintStream out) throws Exception {
        ClusterSettings settings = ClusterSettings.fromSystemProperties();
        String machine = Machine.describe();
        List<ClusterRun.Result> results = new ArrayList<>();
        for (int delayMs : settings.rebalanceDelaysMs()) {
            results.add(ClusterRun.run(settings, delayMs, out));
        }
        new ReportFile(settings.report()).rewriteSection("cluster", section(settings, machine, results));
        return results.stream().allMatch(ClusterRun.Result::passed);
    }

    private static String section(ClusterSettings settings, String machine, List<ClusterRun.Result> results) {
        StringBuilder text = new StringBuilder("## Multi-worker cluster\n\n");
        text.append("Machine: ").append(machine).append(".\n\nCommand:\n\n```\n").append(settings.command())
                .append("\n```\n\n");
        text.append(String.format(Locale.ROOT, "%d Connect worker JVMs form one distributed cluster (the Kafka "
                + "broker runs in the suite's JVM; each worker has `session.timeout.ms=6000`, "
                + "`heartbeat.interval.ms=2000`). The shipped source and sink configs are posted through REST, "
                + "placeholders filled, nothing else changed; the sink starts with `tasks.max=1`. %d tables share "
                + "%d keys, each table's topic made beforehand with %d partitions (%d partitions in all). A writer "
                + "commits %d changes/s in transactions of %d, each change raising its key's version, until the "
                + "last phase is over. Phases, %d s apart: the sink's `tasks.max` raised to %d through REST; "
                + "`kill -9` of the worker running the source task, which stays down until the other two deliver "
                + "again, then starts again; the same for a worker that runs sink tasks only and does not lead the "
                + "group (the workers' logs name the leader); a rolling restart (SIGTERM, start, wait until every task runs) of all "
                + "workers. A phase counts as recovered when every change committed up to %d s after it "
                + "reached the function; *recovered after* runs from the phase's start, *longest gap* is the "
                + "longest commit-to-receipt time of the changes committed meanwhile. The whole run is done once per "
                + "`scheduled.rebalance.max.delay.ms`, on a fresh stack.%n%n",
                ClusterRun.WORKERS, settings.tables(), settings.keys(), settings.partitions(),
                settings.tables() * settings.partitions(), settings.changesPerSecond(), settings.txRows(),
                settings.calmSeconds(), ClusterRun.SINK_TASKS, ClusterRun.WINDOW.toSeconds()));
        text.append("| `scheduled.rebalance.max.delay.ms` | phase | recovered after | longest gap | verdict |\n");
        text.append("|---:|---|---:|---:|---|\n");
        for (ClusterRun.Result result : results) {
            for (ClusterRun.Phase phase : result.phases()) {
                text.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s |%n", result.delayMs(),
                        phase.name(), phase.recovered() ? String.format(Locale.ROOT, "%.1f s", phase.recoverySeconds())
                                : "not recovered",
                        phase.recovered() ? String.format(Locale.ROOT, "%,d ms", phase.longestGapMillis()) : "",
                        result.passed() ? "passed" : "FAILED"));
            }
        }
        for (ClusterRun.Result result : results) {
            text.append(String.format(Locale.ROOT, "%n`scheduled.rebalance.max.delay.ms=%d`: %s.%n%n",
                    result.delayMs(), result.placement()));
            result.phases().forEach(phase -> text.append("- ").append(phase.summary()).append('\n'));
            text.append("\nResult: ").append(result.verdict().summary()).append('\n');
        }
        return text.toString();
    }
}
