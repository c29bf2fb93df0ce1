package dev.binlogfc.benchmarks;

import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.fc.FaultPlan;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The fault suite: a writer commits per-key increasing versions through the whole pipeline while faults are
 * injected one after the other, with calm periods between them; then {@link DeliveryChecker} compares what the
 * function received with the database. Run with {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pfaults}.
 */
public final class FaultSuite {

    /** The sink gives up on a call after this long, so that "slower than the timeout" is quick to provoke. */
    private static final int SINK_RESPONSE_TIMEOUT_MS = 5_000;
    private static final Map<String, String> SINK_CHANGES = Map.of(
            "http.response.timeout.ms", Integer.toString(SINK_RESPONSE_TIMEOUT_MS),
            "retry.backoff.max.ms", "5000");
    private static final Duration ERROR_WINDOW = Duration.ofMillis(20);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration WRITER_RETRY = Duration.ofMinutes(2);

    private FaultSuite() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(System.out) ? 0 : 1);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    private static boolean run(PrintStream out) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        FaultSettings settings = FaultSettings.fromSystemProperties();
        String machine = Machine.describe();
        try (BenchStack stack = BenchStack.start(settings.connectors());
                EndpointProbe probe = new EndpointProbe(stack.endpoint())) {
            BenchTable table = new BenchTable(stack.database());
            table.create();
            table.seed(settings.keys());
            ConnectorConfig source = stack.pipelineSource();
            stack.post(source.with(source.name(), settings.sourceChanges()));
            stack.post(stack.sink().with(stack.sink().name(), SINK_CHANGES));
            stack.endpoint().awaitRecords(settings.keys(), Duration.ofMinutes(2));

            List<Fault> faults = faults(settings, stack);
            long seconds = faults.stream().mapToLong(fault -> fault.duration().toSeconds() + settings.calmSeconds())
                    .sum() + settings.calmSeconds();
            ChangeTracker tracker = new ChangeTracker(1, (int) (seconds * settings.changesPerSecond()));
            probe.deliverTo(tracker);
            ChangeWriter writer = new ChangeWriter(stack.database(), settings.keys());
            CompletableFuture<Long> writing = CompletableFuture.supplyAsync(() -> write(writer, tracker, settings));
            out.printf("Writer: %,d changes over %d keys at %d/s in transactions of %d%n", tracker.count(),
                    settings.keys(), settings.changesPerSecond(), settings.txRows());
            for (Fault fault : faults) {
                Thread.sleep(settings.calmSeconds() * 1000L);
                out.printf("%s fault: %s (%d s), %,d changes received so far%n", LocalTime.now().withNano(0),
                        fault.description(), fault.duration().toSeconds(), tracker.received());
                fault.inject().run(fault.duration());
            }
            writing.get();
            out.printf("%s all faults injected and removed%n", LocalTime.now().withNano(0));
            out.println("Writer done; waiting for the function to receive every change ...");
            boolean complete = tracker.await(DRAIN_TIMEOUT);
            // Let late duplicates of retried calls arrive before the books are closed.
            Thread.sleep(complete ? 5_000 : 0);
            DeliveryChecker.Verdict verdict = DeliveryChecker.check(stack.endpoint().receivedBatches(), tracker,
                    tableVersions(stack.database()));
            out.println(verdict.summary());
            new ReportFile(settings.report()).rewriteSection("faults",
                    section(settings, machine, faults, verdict));
            return verdict.passed();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The writer failed", e.getCause());
        }
    }

    private static long write(ChangeWriter writer, ChangeTracker tracker, FaultSettings settings) {
        try {
            return writer.write(tracker, settings.txRows(), settings.changesPerSecond(), WRITER_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The writer was interrupted", e);
        }
    }

    /** The faults in the order they are injected. */
    private static List<Fault> faults(FaultSettings settings, BenchStack stack) {
        FaultPlan plan = stack.endpoint().faults();
        Duration phase = Duration.ofSeconds(settings.phaseSeconds());
        return List.of(
                new Fault("function endpoint down: every call answered 503", Duration.ofSeconds(settings.downSeconds()),
                        duration -> {
                            plan.failNext(Integer.MAX_VALUE, 503);
                            Thread.sleep(duration.toMillis());
                            plan.clear();
                        }),
                new Fault("about 30 % of calls answered 500", phase, duration -> failSomeCalls(plan, duration)),
                new Fault("calls answered 429 with Retry-After: 2", phase, duration -> {
                    plan.failNext(Integer.MAX_VALUE, 429, Duration.ofSeconds(2));
                    Thread.sleep(duration.toMillis());
                    plan.clear();
                }),
                new Fault("answers " + (SINK_RESPONSE_TIMEOUT_MS / 1000 + 2) + " s late, beyond the sink's "
                        + SINK_RESPONSE_TIMEOUT_MS / 1000 + " s timeout", phase, duration -> {
                            plan.delayResponses(Duration.ofMillis(SINK_RESPONSE_TIMEOUT_MS + 2_000));
                            Thread.sleep(duration.toMillis());
                            plan.clear();
                        }),
                new Fault("database restarted", Duration.ZERO, duration -> stack.database().restart()));
    }

    /**
     * The endpoint fails a planned number of next calls, not a share of them: in each short window the next call
     * fails with probability 0.3, which approaches 30 % of calls when the sink calls about once per window.
     */
    private static void failSomeCalls(FaultPlan plan, Duration duration) throws InterruptedException {
        Random random = new Random(42);
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            plan.failNext(random.nextDouble() < 0.3 ? 1 : 0, 500);
            Thread.sleep(ERROR_WINDOW.toMillis());
        }
        plan.clear();
    }

    private static Map<Long, Long> tableVersions(MariaDbServer database) {
        Map<Long, Long> versions = new HashMap<>();
        database.query("SELECT id, version FROM " + BenchTable.QUALIFIED)
                .forEach(row -> versions.put(Long.parseLong(row.get("id")), Long.parseLong(row.get("version"))));
        return versions;
    }

    private static String section(FaultSettings settings, String machine, List<Fault> faults,
                                  DeliveryChecker.Verdict verdict) {
        StringBuilder text = new StringBuilder("## Fault suite\n\n");
        text.append("Machine: ").append(machine).append(".\n\nCommand:\n\n```\n").append(settings.command())
                .append("\n```\n\n");
        text.append(String.format("A writer commits %d changes/s in transactions of %d over %d keys, each change "
                + "raising its key's version; the source runs the shipped config plus `%s`, the sink the "
                + "shipped config plus `%s`. Faults, in order, %d s apart:%n%n", settings.changesPerSecond(),
                settings.txRows(), settings.keys(), settings.sourceChanges(),
                SINK_CHANGES, settings.calmSeconds()));
        faults.forEach(fault -> text.append("- ").append(fault.description())
                .append(fault.duration().isZero() ? "" : " for " + fault.duration().toSeconds() + " s").append('\n'));
        text.append("\nResult: ").append(verdict.summary()).append('\n');
        return text.toString();
    }
}
