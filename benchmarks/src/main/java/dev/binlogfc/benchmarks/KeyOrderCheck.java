package dev.binlogfc.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks, record by record as the function receives them, that no key's version goes backwards: a record whose
 * version is below the key's latest is a violation unless it repeats a version the key already had (a redelivery,
 * which at-least-once allows). The writer gives every change a version of its own, so a version names one change.
 */
final class KeyOrderCheck implements Delivery {

    private static final int REPORTED = 5;

    private final Map<Long, Long> latestByKey = new HashMap<>();
    private final Set<Long> seenVersions = new HashSet<>();
    private final List<String> violations = new ArrayList<>();
    private long records;
    private long repeats;
    private long violationCount;

    @Override
    public synchronized void received(long key, long version, boolean snapshot, long receiptMillis) {
        records++;
        Long latest = latestByKey.get(key);
        // Version 0 is every seeded row's; any other version belongs to one change of one key.
        boolean repeat = latest != null && (version == latest || version > 0 && seenVersions.contains(version));
        if (repeat) {
            repeats++;
            return;
        }
        if (latest != null && version < latest) {
            violationCount++;
            if (violations.size() < REPORTED) {
                violations.add("key " + key + " went from version " + latest + " to " + version);
            }
        }
        latestByKey.put(key, latest == null ? version : Math.max(latest, version));
        if (version > 0) {
            seenVersions.add(version);
        }
    }

    synchronized boolean passed() {
        return violationCount == 0;
    }

    /** Records checked, keys seen, repeats, and the first violations if there were any. */
    synchronized String summary() {
        return String.format(java.util.Locale.ROOT, "%,d records over %,d keys, %,d repeats: %s", records,
                latestByKey.size(), repeats, passed() ? "in order"
                        : violationCount + " went backwards, e.g. " + violations);
    }
}
