package dev.binlogfc.sink.fc.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link LaneScheduler} and {@link Ticker} driven by hand: steps run when the test says so, on the test's thread,
 * and time moves only when the test advances it. Among steps due at once the test picks which runs first.
 */
final class ManualScheduler implements LaneScheduler, Ticker {

    /** A step and the time it is due. */
    record Scheduled(Runnable step, long dueAtNanos) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Override
    public synchronized void schedule(Runnable step, long delayNanos) {
        scheduled.add(new Scheduled(step, now + Math.max(0, delayNanos)));
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    void advanceNanos(long nanos) {
        now += nanos;
    }

    /** The steps scheduled and not yet run, due or not. */
    synchronized List<Scheduled> scheduled() {
        return List.copyOf(scheduled);
    }

    /** Runs the due step scheduled last (a later batch overtakes an earlier one where it may); false if none. */
    boolean runLatestDue() {
        return runDue(Comparator.comparingInt(scheduled::indexOf));
    }

    /** Runs the due step scheduled first; false if none is due. */
    boolean runEarliestDue() {
        return runDue(Comparator.<Scheduled>comparingInt(scheduled::indexOf).reversed());
    }

    private boolean runDue(Comparator<Scheduled> preference) {
        Optional<Scheduled> next;
        synchronized (this) {
            next = scheduled.stream().filter(step -> step.dueAtNanos() <= now).max(preference);
            next.ifPresent(scheduled::remove);
        }
        next.ifPresent(step -> step.step().run());
        return next.isPresent();
    }

    /** Runs due steps, latest first, until none is due. */
    void runAllDueLatestFirst() {
        while (runLatestDue()) {
            // Each step may schedule more.
        }
    }
}
