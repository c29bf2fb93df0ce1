package dev.binlogfc.benchmarks;

import dev.binlogfc.teststack.connect.ConnectRestClient;
import dev.binlogfc.teststack.connect.ExternalWorker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One run of the cluster suite with one {@code scheduled.rebalance.max.delay.ms}: a fresh stack with three Connect
 * worker JVMs in one cluster, the shipped source and sink posted through REST, tables whose topics have several
 * partitions, and a writer committing per-key versions while the suite, one phase after the other, raises the
 * sink's {@code tasks.max} from 1 to 3, kills the worker running the source task with {@code kill -9}, then one
 * that runs only sink tasks and does not lead the group, and restarts every worker in turn. A phase is over once every change committed up to {@link #WINDOW} after it has reached the
 * function; {@link DeliveryChecker} then checks the whole run.
 */
final class ClusterRun {

    /** The cluster's size and the sink's tasks.max once raised. */
    static final int WORKERS = 3;
    static final int SINK_TASKS = 3;
    /** At the suite's rates a second of changes touches every key's partition, so its arrival shows all work. */
    static final Duration WINDOW = Duration.ofSeconds(1);
    private static final int PLACEMENT_ATTEMPTS = 4;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration TASKS_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration WRITER_RETRY = Duration.ofMinutes(2);
    /** The writer stops after this long whatever happens, which bounds the changes of a run. */
    private static final Duration WRITE_LIMIT = Duration.ofMinutes(30);
    /** Where the worker JVMs write their logs (relative to the benchmarks module, where the profile runs). */
    private static final Path WORKER_DIRECTORY = Path.of("target", "cluster-suite-workers");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * What one phase did: {@code recoverySeconds} from its start until every change committed up to
     * {@link #WINDOW} after its end arrived (NaN when that did not happen in time), and the longest
     * commit-to-receipt time of the changes committed from its start until then.
     */
    record Phase(String name, String detail, double recoverySeconds, long longestGapMillis) {

        boolean recovered() {
            return !Double.isNaN(recoverySeconds);
        }

        String summary() {
            return recovered()
                    ? String.format(Locale.ROOT, "%s: %s; every change delivered again %.1f s after it began, longest "
                    + "commit-to-receipt %,d ms", name, detail, recoverySeconds, longestGapMillis)
                    : name + ": " + detail + "; NOT RECOVERED within the timeout";
        }
    }

    record Result(int delayMs, String placement, List<Phase> phases, DeliveryChecker.Verdict verdict) {

        boolean passed() {
            return verdict.passed() && phases.stream().allMatch(Phase::recovered);
        }
    }

    private final ClusterSettings settings;
    private final int delayMs;
    private final PrintStream out;
    private final BenchStack stack;
    private final ChangeTracker tracker;
    private final ConnectorConfig source;
    private final ConnectorConfig sink;
    private final AtomicBoolean phasesOver = new AtomicBoolean();
    private CompletableFuture<Long> writing;

    private ClusterRun(ClusterSettings settings, int delayMs, PrintStream out, BenchStack stack) {
        this.settings = settings;
        this.delayMs = delayMs;
        this.out = out;
        this.stack = stack;
        this.tracker = new ChangeTracker(1, Math.toIntExact(WRITE_LIMIT.toSeconds() * settings.changesPerSecond()));
        this.source = stack.pipelineSource();
        this.sink = stack.sink();
    }

    /** Runs the phases on a stack of its own and checks what the function received. */
    static Result run(ClusterSettings settings, int delayMs, PrintStream out) throws Exception {
        try (BenchStack stack = BenchStack.startWithWorkerCluster(settings.connectors(),
                WORKER_DIRECTORY.resolve("delay-" + delayMs), WORKERS,
                Map.of("scheduled.rebalance.max.delay.ms", Integer.toString(delayMs)));
                EndpointProbe probe = EndpointProbe.keeping(stack.endpoint())) {
            return new ClusterRun(settings, delayMs, out, stack).run(probe);
        }
    }

    private Result run(EndpointProbe probe) throws Exception {
        List<BenchTable> tables = createTables();
        stack.post(source);
        stack.post(sink);
        stack.endpoint().awaitRecords(settings.keys(), SNAPSHOT_TIMEOUT);
        log("snapshot of %d rows delivered; %s", settings.keys(), placement());
        probe.deliverTo(tracker);
        ChangeWriter writer = new ChangeWriter(stack.database(), settings.keys(),
                tables.stream().map(BenchTable::qualified).toList());
        writing = CompletableFuture.supplyAsync(() -> write(writer));
        List<Phase> phases = new ArrayList<>();
        phases.add(raiseSinkTasks());
        String placement = placement();
        log("%s", placement);
        phases.addAll(killSourceWorker());
        if (phases.stream().allMatch(Phase::recovered)) {
            phases.addAll(killFollower());
        }
        phases.add(rollingRestart());
        Thread.sleep(settings.calmSeconds() * 1000L);
        phasesOver.set(true);
        try {
            writing.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The writer failed", e.getCause());
        }
        log("writer stopped after %,d changes; waiting for the function to receive every one", tracker.count());
        boolean complete = phases.stream().allMatch(Phase::recovered) && tracker.await(DRAIN_TIMEOUT);
        // Let late duplicates of retried calls arrive before the books are closed.
        Thread.sleep(complete ? 5_000 : 0);
        Map<Long, Long> versions = new HashMap<>();
        tables.forEach(table -> versions.putAll(table.versions()));
        DeliveryChecker.Verdict verdict = DeliveryChecker.check(stack.endpoint().receivedBatches(), tracker, versions);
        log("%s", verdict.summary());
        return new Result(delayMs, placement, phases, verdict);
    }

    /** The tables, sharding the keys, each with a topic of several partitions made before the source starts. */
    private List<BenchTable> createTables() {
        List<BenchTable> tables = new ArrayList<>();
        for (int shard = 0; shard < settings.tables(); shard++) {
            BenchTable table = new BenchTable(stack.database(), BenchTable.TABLE + "_" + shard);
            table.create();
            table.seed(settings.keys(), shard, settings.tables());
            stack.connect().topics().create(BenchStack.PIPELINE_PREFIX + "." + table.qualified(),
                    settings.partitions());
            tables.add(table);
        }
        return tables;
    }

    private Phase raiseSinkTasks() throws InterruptedException {
        calm();
        long start = System.currentTimeMillis();
        log("raising the sink's tasks.max from 1 to %d through REST", SINK_TASKS);
        rest().createOrUpdate(sink.name(), sink.with(sink.name(), Map.of("tasks.max",
                Integer.toString(SINK_TASKS))).config());
        awaitTasks();
        long running = System.currentTimeMillis();
        return measure("sink tasks.max raised from 1 to " + SINK_TASKS, () -> String.format(Locale.ROOT,
                "%d tasks RUNNING %.1f s after the PUT", SINK_TASKS, (running - start) / 1000.0), start, running,
                RECOVERY_TIMEOUT);
    }

    /**
     * Kills the worker running the source task; the others must take its work over by themselves, which is what
     * the rebalance delay holds back. Then the killed worker is started again and rejoins.
     */
    private List<Phase> killSourceWorker() throws InterruptedException {
        if (placeSinkTaskWithSource()) {
            // A worker that left schedules a delayed rebalance, and tasks lost before it expires are reassigned
            // when it does: the kill would wait less than the whole delay.
            Thread.sleep(delayMs);
        }
        calm();
        ExternalWorker victim = workers().runningTask(source.name(), 0);
        return killAndRestart(victim, "the source task and sink tasks " + workers().tasksOn(sink.name(), victim));
    }

    /**
     * Kills a worker that neither leads the group nor runs the source task but runs sink tasks, if there is one:
     * the leader then holds its tasks back for the whole delay, while the sink's consumer group hands its
     * partitions to the other tasks' consumers once their session expires.
     */
    private List<Phase> killFollower() throws InterruptedException {
        Thread.sleep(delayMs);
        calm();
        ExternalWorker leader = workers().leader();
        ExternalWorker sourceWorker = workers().runningTask(source.name(), 0);
        List<ExternalWorker> followers = workers().workers().stream()
                .filter(worker -> worker != leader && worker != sourceWorker)
                .filter(worker -> !workers().tasksOn(sink.name(), worker).isEmpty()).toList();
        if (followers.isEmpty()) {
            log("no worker runs sink tasks without leading or running the source (%s); no follower to kill",
                    placement());
            return List.of();
        }
        ExternalWorker victim = followers.get(0);
        return killAndRestart(victim, "sink tasks " + workers().tasksOn(sink.name(), victim));
    }

    /**
     * Kills {@code victim}, measures until the other workers deliver every change again, then starts it again and
     * measures until it has rejoined.
     */
    private List<Phase> killAndRestart(ExternalWorker victim, String tasks) throws InterruptedException {
        // A new leader knows nothing of the old one's assignment, so the tasks of a killed leader look new to it
        // and are assigned at once: the rebalance delay holds back only the tasks of a worker that did not lead.
        String held = tasks + (victim == workers().leader() ? ", the group's leader" : ", not the group's leader");
        long killed = System.currentTimeMillis();
        log("kill -9 %s, running %s", name(victim), held);
        victim.kill();
        Phase withoutIt = measure("kill -9 of the worker running " + held, () -> "the other two took over, the "
                + "source task on " + name(workers().runningTask(source.name(), 0)) + "; " + placement(), killed,
                killed, RECOVERY_TIMEOUT.plusMillis(delayMs));
        if (!withoutIt.recovered()) {
            return List.of(withoutIt);
        }
        calm();
        long restart = System.currentTimeMillis();
        log("starting %s again", name(victim));
        victim.start();
        awaitTasks();
        long running = System.currentTimeMillis();
        return List.of(withoutIt, measure("the killed worker started again", () -> String.format(Locale.ROOT,
                "rejoined, every task RUNNING %.1f s after its start", (running - restart) / 1000.0), restart,
                running, RECOVERY_TIMEOUT));
    }

    /**
     * Connect balances tasks by count, so the source task's worker may hold no sink task. Until it does (at most
     * {@link #PLACEMENT_ATTEMPTS} times), the worker with the most sink tasks is stopped until the other two run
     * every task, which leaves the source's worker one of them, and started again, which takes one back.
     *
     * @return whether a worker was restarted
     */
    private boolean placeSinkTaskWithSource() throws InterruptedException {
        int attempt = 1;
        for (; attempt <= PLACEMENT_ATTEMPTS
                && workers().tasksOn(sink.name(), workers().runningTask(source.name(), 0)).isEmpty(); attempt++) {
            ExternalWorker sourceWorker = workers().runningTask(source.name(), 0);
            ExternalWorker busiest = workers().workers().stream().filter(worker -> worker != sourceWorker)
                    .max(Comparator.comparingInt(worker -> workers().tasksOn(sink.name(), worker).size()))
                    .orElseThrow();
            log("%s; to give the source's worker a sink task, stopping %s until the others run every task",
                    placement(), name(busiest));
            busiest.stop();
            awaitTasks();
            busiest.start();
            awaitTasks();
            if (!awaitDelivered(System.currentTimeMillis(), RECOVERY_TIMEOUT)) {
                throw new IllegalStateException("The pipeline did not deliver again after " + name(busiest)
                        + " was restarted to place the tasks");
            }
        }
        return attempt > 1;
    }

    /** Stops (SIGTERM) and starts each worker in turn, waiting for every task to run before the next. */
    private Phase rollingRestart() throws InterruptedException {
        calm();
        long start = System.currentTimeMillis();
        List<String> restarts = new ArrayList<>();
        for (ExternalWorker worker : workers().workers()) {
            long stopped = System.currentTimeMillis();
            log("rolling restart: stopping %s", name(worker));
            worker.stop();
            worker.start();
            awaitTasks();
            restarts.add(String.format(Locale.ROOT, "%s %.1f s", name(worker),
                    (System.currentTimeMillis() - stopped) / 1000.0));
        }
        long done = System.currentTimeMillis();
        return measure("rolling restart of all " + WORKERS + " workers", () -> "stop to every task RUNNING again: "
                + String.join(", ", restarts), start, done, RECOVERY_TIMEOUT);
    }

    /**
     * Waits until every change committed up to {@link #WINDOW} after {@code end} has arrived.
     *
     * @param detail what happened, asked once the phase is over
     * @param start when the phase began (epoch ms), from which recovery and the longest gap are counted
     */
    private Phase measure(String name, Supplier<String> detail, long start, long end, Duration timeout)
            throws InterruptedException {
        Phase phase = awaitDelivered(end, timeout)
                ? new Phase(name, detail.get(), (System.currentTimeMillis() - start) / 1000.0,
                        tracker.maxLatencyCommittedBetween(start, end + WINDOW.toMillis()))
                : new Phase(name, detail.get(), Double.NaN, 0);
        log("%s", phase.summary());
        return phase;
    }

    /**
     * Waits until every change committed up to {@link #WINDOW} after {@code end} has arrived; false when the
     * timeout (counted from {@code end}) passed or the writer stopped first.
     */
    private boolean awaitDelivered(long end, Duration timeout) throws InterruptedException {
        long deadline = end + timeout.toMillis();
        while (!tracker.arrivedEveryChangeCommittedBefore(end + WINDOW.toMillis())) {
            if (writing.isDone() || System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private void awaitTasks() {
        rest().awaitRunning(source.name(), 1, TASKS_TIMEOUT);
        rest().awaitRunning(sink.name(), SINK_TASKS, TASKS_TIMEOUT);
    }

    /** Which worker runs the source task and which the sink's. */
    private String placement() {
        List<String> sinkTasks = new ArrayList<>();
        for (ExternalWorker worker : workers().workers()) {
            sinkTasks.add(name(worker) + " " + workers().tasksOn(sink.name(), worker));
        }
        return "source task on " + name(workers().runningTask(source.name(), 0)) + ", sink tasks on "
                + String.join(", ", sinkTasks);
    }

    private long write(ChangeWriter writer) {
        try {
            return writer.write(tracker, settings.txRows(), settings.changesPerSecond(), WRITER_RETRY,
                    phasesOver::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The writer was interrupted", e);
        }
    }

    private void calm() throws InterruptedException {
        Thread.sleep(settings.calmSeconds() * 1000L);
    }

    private WorkerCluster workers() {
        return stack.workers();
    }

    private ConnectRestClient rest() {
        return stack.rest();
    }

    private String name(ExternalWorker worker) {
        return "worker-" + (workers().workers().indexOf(worker) + 1);
    }

    private void log(String format, Object... arguments) {
        out.printf("%s [delay %d ms] %s%n", LocalTime.now().format(CLOCK), delayMs, String.format(format, arguments));
    }
}
