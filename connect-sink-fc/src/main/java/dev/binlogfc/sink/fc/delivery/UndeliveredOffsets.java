package dev.binlogfc.sink.fc.delivery;

import java.util.TreeSet;

/**
 * The offsets of a partition's accepted records that are not done yet, which may be done out of order under key
 * order: the offset to commit is the lowest of them, so that no undelivered record is ever committed past.
 */
final class UndeliveredOffsets {

    private final TreeSet<Long> undelivered = new TreeSet<>();
    private long lastAccepted = -1;

    void accepted(long offset) {
        undelivered.add(offset);
        lastAccepted = offset;
    }

    void done(long offset) {
        undelivered.remove(offset);
    }

    /** The offset to commit: the lowest undelivered one, or the one after the last accepted if all are done. */
    long nextToCommit() {
        return undelivered.isEmpty() ? lastAccepted + 1 : undelivered.first();
    }

    int size() {
        return undelivered.size();
    }
}
