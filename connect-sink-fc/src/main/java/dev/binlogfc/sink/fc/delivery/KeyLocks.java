package dev.binlogfc.sink.fc.delivery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The footprints a set of records holds: keys held alone, tables in use by keyed rows, tables and the partition
 * held whole (by barriers). A footprint is free when nothing held overlaps it. The lane keeps one for its
 * batches in flight, and each selection one for the records it had to pass over.
 */
final class KeyLocks {

    private final Set<String> keys = new HashSet<>();
    private final Map<String, Integer> tablesInUse = new HashMap<>();
    private final Map<String, Integer> tablesHeldWhole = new HashMap<>();
    private int partitionHeld;
    private int held;

    boolean isFree(RecordFootprint footprint) {
        if (partitionHeld > 0) {
            return false;
        }
        return switch (footprint.scope()) {
            case PARTITION -> held == 0;
            case TABLE -> !tablesHeldWhole.containsKey(footprint.table())
                && !tablesInUse.containsKey(footprint.table());
            case KEYS -> !tablesHeldWhole.containsKey(footprint.table())
                && footprint.keys().stream().noneMatch(keys::contains);
        };
    }

    /** Whether nothing after this can be free: the partition is held whole. */
    boolean holdsPartition() {
        return partitionHeld > 0;
    }

    void hold(RecordFootprint footprint) {
        held++;
        switch (footprint.scope()) {
            case PARTITION -> partitionHeld++;
            case TABLE -> tablesHeldWhole.merge(footprint.table(), 1, Integer::sum);
            case KEYS -> {
                keys.addAll(footprint.keys());
                tablesInUse.merge(footprint.table(), 1, Integer::sum);
            }
        }
    }

    /** Gives up a footprint held before; the keys of one batch are released together. */
    void release(RecordFootprint footprint) {
        held--;
        switch (footprint.scope()) {
            case PARTITION -> partitionHeld--;
            case TABLE -> decrement(tablesHeldWhole, footprint.table());
            case KEYS -> {
                keys.removeAll(footprint.keys());
                decrement(tablesInUse, footprint.table());
            }
        }
    }

    private static void decrement(Map<String, Integer> counts, String table) {
        counts.computeIfPresent(table, (unused, count) -> count == 1 ? null : count - 1);
    }
}
