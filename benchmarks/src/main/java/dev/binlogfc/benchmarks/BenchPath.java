package dev.binlogfc.benchmarks;

/**
 * One path under test: its name in the table, the probe that sees where its records end up, how its connectors are
 * driven, and how far into the writer's versions it has read. Both paths read the same binlog, so a path that was
 * paused while the other one ran has a backlog to read before it can be measured again.
 */
final class BenchPath {

    private final String name;
    private final Probe probe;
    private final PathControl control;
    private boolean running;
    /** The first version this path has not delivered yet. */
    private long nextUnread = 1;

    BenchPath(String name, Probe probe, PathControl control) {
        this.name = name;
        this.probe = probe;
        this.control = control;
    }

    String name() {
        return name;
    }

    Probe probe() {
        return probe;
    }

    /** Starts the connectors, which begins the full copy. */
    void start() {
        control.start().run();
        running = true;
    }

    void pause() {
        if (running) {
            control.pause().run();
            running = false;
        }
    }

    void resume() {
        if (!running) {
            control.resume().run();
            running = true;
        }
    }

    /** Deletes the connectors of a path that has been paused or has finished its copy; it cannot run again. */
    void retire() {
        control.retire().run();
        running = false;
    }

    long nextUnread() {
        return nextUnread;
    }

    /** Records that every version before {@code next} has been delivered. */
    void deliveredUpTo(long next) {
        nextUnread = next;
    }
}
