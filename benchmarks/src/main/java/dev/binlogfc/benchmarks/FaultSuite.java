package dev.binlogfc.benchmarks;

import dev.binlogfc.teststack.fc.FaultPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fault suite: a writer commits per-key increasing versions through the whole pipeline while faults are
 * injected one after the other; after each fault the suite waits until a change committed after it has reached the
 * function, then for a calm period. Once the last fault is over the writer stops and {@link DeliveryChecker}
 * compares what the function received with the database. The connectors run in a Connect worker JVM of their own,
 * so that killing it kills their tasks. Run with {@code ./mvnw -q -pl benchmarks -am package -DskipTests -Pfaults}.
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
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(10);
    /** Where the worker JVMs write their logs (relative to the benchmarks module, where the profile runs). */
    private static final Path WORKER_DIRECTORY = Path.of("target", "fault-suite-worker");

    /** LocalTime's own text drops the seconds when they are zero. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private FaultSuite() {
    }

    private static String now() {
        return LocalTime.now().format(CLOCK);
    }

    public static void main(String[] args) {
        SuiteProgram.exitWith(FaultSuite::run);
    }

    private static boolean run(PrintStream out) throws Exception {
        FaultSettings settings = FaultSettings.fromSystemProperties();
        String machine = Machine.describe();
        try (BenchStack stack = BenchStack.startWithExternalWorker(settings.connectors(), WORKER_DIRECTORY);
                EndpointProbe probe = EndpointProbe.keeping(stack.endpoint())) {
            BenchTable table = new BenchTable(stack.database());
            table.create();
            table.seed(settings.keys());
            ConnectorConfig source = stack.pipelineSource();
            stack.post(source.with(source.name(), settings.sourceChanges()));
            stack.post(stack.sink().with(stack.sink().name(), SINK_CHANGES));
            stack.endpoint().awaitRecords(settings.keys(), Duration.ofMinutes(2));

            List<Fault> faults = faults(settings, stack);
            ChangeTracker tracker = new ChangeTracker(1, capacity(settings, faults));
            probe.deliverTo(tracker);
            ChangeWriter writer = new ChangeWriter(stack.database(), settings.keys());
            AtomicBoolean faultsOver = new AtomicBoolean();
            CompletableFuture<Long> writing = CompletableFuture.supplyAsync(
                    () -> write(writer, tracker, settings, faultsOver));
            out.printf("Writer: changes over %d keys at %d/s in transactions of %d until the faults are over%n",
                    settings.keys(), settings.changesPerSecond(), settings.txRows());
            List<String> recoveries = new ArrayList<>();
            boolean recovered = true;
            for (Fault fault : faults) {
                Thread.sleep(settings.calmSeconds() * 1000L);
                out.printf("%s fault: %s (%d s), %,d changes received so far%n", now(),
                        fault.description(), fault.duration().toSeconds(), tracker.received());
                long injected = System.currentTimeMillis();
                fault.inject().run(fault.duration());
                long removed = System.currentTimeMillis();
                OptionalLong recovery = awaitRecovery(tracker, removed, writing);
                recovered &= recovery.isPresent();
                String outcome = recovery.isEmpty()
                        ? "NOT RECOVERED: no change committed after the fault reached the function within "
                        + RECOVERY_TIMEOUT.toSeconds() + " s"
                        : String.format(Locale.ROOT, "delivering again %.1f s after the fault began, %.1f s after "
                        + "it was over", (recovery.getAsLong() - injected) / 1000.0,
                        (recovery.getAsLong() - removed) / 1000.0);
                out.printf("%s %s%n", now(), outcome);
                recoveries.add(outcome);
            }
            Thread.sleep(settings.calmSeconds() * 1000L);
            faultsOver.set(true);
            writing.get();
            out.printf("%s all faults injected and removed; writer stopped after %,d changes%n",
                    now(), tracker.count());
            out.println("Waiting for the function to receive every change ...");
            // A pipeline that did not recover from a fault will not deliver the rest either: do not wait for it.
            boolean complete = recovered && tracker.await(DRAIN_TIMEOUT);
            // Let late duplicates of retried calls arrive before the books are closed.
            Thread.sleep(complete ? 5_000 : 0);
            DeliveryChecker.Verdict verdict = DeliveryChecker.check(stack.endpoint().receivedBatches(), tracker,
                    table.versions());
            out.println(verdict.summary());
            new ReportFile(settings.report()).rewriteSection("faults",
                    section(settings, machine, faults, recoveries, verdict));
            return verdict.passed() && recovered;
        } catch (ExecutionException e) {
            throw new IllegalStateException("The writer failed", e.getCause());
        }
    }

    /**
     * Room for every change the writer can commit: the faults and calm periods as planned, plus the longest each
     * fault may take to heal; the writer stops earlier, when the last fault is over.
     */
    private static int capacity(FaultSettings settings, List<Fault> faults) {
        long seconds = faults.stream().mapToLong(fault -> fault.duration().toSeconds() + settings.calmSeconds()
                + RECOVERY_TIMEOUT.toSeconds()).sum() + settings.calmSeconds();
        return Math.toIntExact(seconds * settings.changesPerSecond());
    }

    private static long write(ChangeWriter writer, ChangeTracker tracker, FaultSettings settings, AtomicBoolean stop) {
        try {
            return writer.write(tracker, settings.txRows(), settings.changesPerSecond(), WRITER_RETRY, stop::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The writer was interrupted", e);
        }
    }

    /**
     * Waits until a change committed after the fault was removed ({@code removed}, epoch ms) has reached the
     * function, which proves that every part of the pipeline works again.
     *
     * @return when that was seen (epoch ms), or empty when the writer stopped or the timeout passed first
     */
    private static OptionalLong awaitRecovery(ChangeTracker tracker, long removed, CompletableFuture<Long> writing)
            throws InterruptedException {
        long deadline = removed + RECOVERY_TIMEOUT.toMillis();
        while (!tracker.arrivedCommittedSince(removed)) {
            if (writing.isDone() || System.currentTimeMillis() > deadline) {
                return OptionalLong.empty();
            }
            Thread.sleep(100);
        }
        return OptionalLong.of(System.currentTimeMillis());
    }

    /** The faults in the order they are injected. */
    private static List<Fault> faults(FaultSettings settings, BenchStack stack) {
        FaultPlan plan = stack.endpoint().faults();
        Duration phase = Duration.ofSeconds(settings.phaseSeconds());
        Fault workerKilled = new Fault("Connect worker JVM running the source and sink tasks killed with SIGKILL, "
                + "then a new worker JVM started", Duration.ZERO, duration -> {
                    stack.worker().kill();
                    stack.worker().start();
                });
        return List.of(
                workerKilled,
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
                workerKilled,
                new Fault("database restarted", Duration.ZERO, duration -> stack.database().restart()),
                new Fault("Kafka broker stopped, then started again on the same port and log directories",
                        BROKER_DOWN, stack.connect()::restartBroker));
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

    private static String section(FaultSettings settings, String machine, List<Fault> faults,
                                  List<String> recoveries, DeliveryChecker.Verdict verdict) {
        StringBuilder text = new StringBuilder("## Fault suite\n\n");
        text.append("Machine: ").append(machine).append(".\n\nCommand:\n\n```\n").append(settings.command())
                .append("\n```\n\n");
        text.append(String.format("A writer commits %d changes/s in transactions of %d over %d keys, each change "
                + "raising its key's version, until the last fault is over; the source runs the shipped config plus "
                + "`%s`, the sink the shipped config plus `%s`, both in a Connect worker JVM of their own (the "
                + "Kafka broker runs in the suite's JVM). After each fault the suite waits until a change committed "
                + "after it has reached the function, then %d s before the next one. Faults, in order:%n%n",
                settings.changesPerSecond(), settings.txRows(), settings.keys(), settings.sourceChanges(),
                SINK_CHANGES, settings.calmSeconds()));
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            text.append("- ").append(fault.description())
                    .append(fault.duration().isZero() ? "" : " for " + fault.duration().toSeconds() + " s")
                    .append(": ").append(recoveries.get(i)).append('\n');
        }
        text.append("\nResult: ").append(verdict.summary()).append('\n');
        return text.toString();
    }
}
