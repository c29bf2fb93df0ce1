package dev.binlogfc.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changes of one load, numbered by version {@code first .. first+count-1}: when each was committed (set by the
 * writer) and when it first arrived (set by a probe). Latency is computed once all arrived, because a change can
 * arrive before its writer has noted the commit time. A writer stopped early {@link #truncate truncates} the load
 * to the changes it committed.
 */
final class ChangeTracker implements Delivery {

    private final long first;
    private int count;
    private final long[] commitMillis;
    private final long[] receiptMillis;
    private int received;
    private long duplicates;

    ChangeTracker(long first, int count) {
        this.first = first;
        this.count = count;
        this.commitMillis = new long[count];
        this.receiptMillis = new long[count];
    }

    long first() {
        return first;
    }

    synchronized int count() {
        return count;
    }

    /** The writer stopped after {@code written} changes: the rest will never be committed nor awaited. */
    synchronized void truncate(int written) {
        if (written < received || written > count) {
            throw new IllegalArgumentException("Cannot truncate " + count + " changes, " + received
                    + " of them received, to " + written);
        }
        count = written;
        notifyAll();
    }

    /** Notes that changes {@code from .. from+n-1} were committed at {@code millis}. */
    synchronized void committed(long from, int n, long millis) {
        Arrays.fill(commitMillis, (int) (from - first), (int) (from - first) + n, millis);
    }

    @Override
    public synchronized void received(long id, long version, boolean snapshot, long receipt) {
        if (snapshot || version < first || version >= first + count) {
            return;
        }
        int index = (int) (version - first);
        if (receiptMillis[index] != 0) {
            duplicates++;
            return;
        }
        receiptMillis[index] = receipt;
        received++;
        if (received == count) {
            notifyAll();
        }
    }

    /** Waits until every change arrived; returns false on timeout. */
    synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received < count) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            wait(Math.min(leftMillis, 1_000));
        }
        return true;
    }

    synchronized int received() {
        return received;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long lastReceiptMillis() {
        return Arrays.stream(receiptMillis).max().orElse(0);
    }

    /** Up to {@code limit} versions that have not arrived. */
    synchronized List<Long> missing(int limit) {
        List<Long> missing = new ArrayList<>();
        for (int i = 0; i < count && missing.size() < limit; i++) {
            if (receiptMillis[i] == 0) {
                missing.add(first + i);
            }
        }
        return missing;
    }

    /** The version of the arrived change that took longest from commit to receipt, or -1 when none arrived. */
    synchronized long slowestVersion() {
        long slowest = -1;
        long longest = -1;
        for (int i = 0; i < count; i++) {
            if (receiptMillis[i] != 0 && receiptMillis[i] - commitMillis[i] > longest) {
                longest = receiptMillis[i] - commitMillis[i];
                slowest = first + i;
            }
        }
        return slowest;
    }

    /** Whether a change committed at or after {@code millis} (epoch ms) has arrived. */
    synchronized boolean arrivedCommittedSince(long millis) {
        // The single writer commits in version order, so the changes committed since then are the last ones noted.
        for (int i = count - 1; i >= 0; i--) {
            if (commitMillis[i] != 0 && commitMillis[i] < millis) {
                return false;
            }
            if (commitMillis[i] != 0 && receiptMillis[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every change committed before {@code millis} (epoch ms) has arrived, and the writer has committed one
     * at or after it (so that no change before it is still to be noted).
     */
    synchronized boolean arrivedEveryChangeCommittedBefore(long millis) {
        boolean laterCommitted = false;
        for (int i = count - 1; i >= 0; i--) {
            if (commitMillis[i] >= millis) {
                laterCommitted = true;
            } else if (commitMillis[i] != 0 && receiptMillis[i] == 0) {
                return false;
            }
        }
        return laterCommitted;
    }

    /** The longest commit-to-receipt time in ms of the arrived changes committed in [{@code from}, {@code to}). */
    synchronized long maxLatencyCommittedBetween(long from, long to) {
        long longest = 0;
        for (int i = 0; i < count; i++) {
            if (commitMillis[i] >= from && commitMillis[i] < to && receiptMillis[i] != 0) {
                longest = Math.max(longest, receiptMillis[i] - commitMillis[i]);
            }
        }
        return longest;
    }

    /** When change {@code version} was committed, epoch ms. */
    synchronized long commitMillis(long version) {
        return commitMillis[(int) (version - first)];
    }

    /** Commit-to-receipt latencies in ms of the changes that arrived, sorted. */
    synchronized long[] sortedLatencies() {
        long[] latencies = new long[received];
        int next = 0;
        for (int i = 0; i < count; i++) {
            if (receiptMillis[i] != 0) {
                latencies[next++] = Math.max(0, receiptMillis[i] - commitMillis[i]);
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }
}
