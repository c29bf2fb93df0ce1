package dev.binlogfc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Waits until this machine's CPUs are nearly idle. After a burst of writes the database keeps working in the
 * background (purging old row versions, flushing pages) on the same two cores; a load measured right then would
 * share them, and whichever path ran first would pay for it.
 */
final class QuietMachine {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final Duration WINDOW = Duration.ofMillis(500);
    /** Busy share of all CPUs below which the machine counts as quiet: the idle broker and worker stay below it. */
    private static final double QUIET_BUSY_SHARE = 0.15;

    private QuietMachine() {
    }

    /**
     * Returns once a {@link #WINDOW} passed with the CPUs busy less than {@link #QUIET_BUSY_SHARE} of the time, or
     * after {@code timeout}; false if the machine never got quiet, or this is not Linux.
     */
    static boolean await(Duration timeout) throws InterruptedException {
        if (!Files.isReadable(PROC_STAT)) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long[] before = cpuTicks();
        while (System.nanoTime() < deadline) {
            Thread.sleep(WINDOW.toMillis());
            long[] after = cpuTicks();
            long total = after[0] - before[0];
            long idle = after[1] - before[1];
            if (total > 0 && (total - idle) < QUIET_BUSY_SHARE * total) {
                return true;
            }
            before = after;
        }
        return false;
    }

    /** Total and idle (idle + iowait) ticks of all CPUs, from the first line of /proc/stat. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long[] ticks = Arrays.stream(fields, 1, fields.length).mapToLong(Long::parseLong).toArray();
            long total = Arrays.stream(ticks).sum();
            return new long[] {total, ticks[3] + ticks[4]};
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + PROC_STAT, e);
        }
    }
}
