package dev.binlogfc.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares what the function received with what the writer committed and what the database holds: every committed
 * change received at least once, per-key versions never going backwards except in a repeat of a Canal {@code id}
 * already seen, a repeated id always carrying the same change, and the last version per key equal to the table's.
 */
final class DeliveryChecker {

    /** The outcome; {@code problems} is empty when every check passed. */
    record Verdict(int written, long records, long duplicates, long maxGapMillis, String slowestChange,
                   List<String> problems) {

        boolean passed() {
            return problems.isEmpty();
        }

        String summary() {
            return String.format(Locale.ROOT, "changes written %,d, records received %,d, duplicates %,d, "
                    + "max gap (commit to receipt) %,d ms (%s): %s", written, records, duplicates, maxGapMillis,
                    slowestChange, passed() ? "PASSED" : "FAILED " + problems);
        }
    }

    private static final int REPORTED_PROBLEMS = 10;

    private DeliveryChecker() {
    }

    /**
     * @param batches what the function received, in order of receipt
     * @param tracker the writer's changes and their first receipts
     * @param tableVersions the version each key holds in the database now
     */
    static Verdict check(List<ReceivedBatch> batches, ChangeTracker tracker, Map<Long, Long> tableVersions) {
        List<String> problems = new ArrayList<>();
        Map<Long, long[]> changeById = new HashMap<>();
        Map<Long, Long> lastVersion = new HashMap<>();
        long records = 0;
        long duplicates = 0;
        for (ReceivedBatch batch : batches) {
            for (JsonNode record : batch.records()) {
                records++;
                long canalId = record.path("id").asLong();
                JsonNode row = record.path("data").path(0);
                long key = row.path("id").asLong();
                long version = row.path("version").asLong();
                long[] earlier = changeById.putIfAbsent(canalId, new long[] {key, version});
                if (earlier != null) {
                    duplicates++;
                    if (earlier[0] != key || earlier[1] != version) {
                        report(problems, "id " + canalId + " came with key " + key + " version " + version
                                + " after key " + earlier[0] + " version " + earlier[1]);
                    }
                    continue;
                }
                long previous = lastVersion.getOrDefault(key, -1L);
                if (version <= previous) {
                    report(problems, "key " + key + " went from version " + previous + " to " + version
                            + " under a new id " + canalId);
                }
                lastVersion.put(key, Math.max(previous, version));
            }
        }
        List<Long> missing = tracker.missing(REPORTED_PROBLEMS);
        if (!missing.isEmpty()) {
            report(problems, (tracker.count() - tracker.received()) + " committed changes never arrived, e.g. versions "
                    + missing);
        }
        tableVersions.forEach((key, version) -> {
            long received = lastVersion.getOrDefault(key, -1L);
            if (received != version) {
                report(problems, "key " + key + " is at version " + version + " in the database but " + received
                        + " at the function");
            }
        });
        long[] latencies = tracker.sortedLatencies();
        long maxGap = latencies.length == 0 ? 0 : latencies[latencies.length - 1];
        long slowest = tracker.slowestVersion();
        String slowestChange = slowest < 0 ? "none arrived"
                : "change " + slowest + " committed at " + LocalTime.ofInstant(
                        Instant.ofEpochMilli(tracker.commitMillis(slowest)), ZoneId.systemDefault()).withNano(0);
        return new Verdict(tracker.count(), records, duplicates, maxGap, slowestChange, problems);
    }

    private static void report(List<String> problems, String problem) {
        if (problems.size() < REPORTED_PROBLEMS) {
            problems.add(problem);
        }
    }
}
