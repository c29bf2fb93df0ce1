package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.Batch;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the records a function reported as failed lie in their batch: the index (in the batch's covered records)
 * of the first one, how many rows come before it, and the reported ids that no row of the batch carries.
 */
record FailedItems(int firstIndex, int rowsBefore, Optional<Set<String>> unknownIds) {

    static FailedItems locate(Batch batch, Set<String> failedIds) {
        Set<String> unknown = new HashSet<>(failedIds);
        int firstIndex = -1;
        int rowsBefore = 0;
        List<PendingRecord> covered = batch.covered();
        for (int i = 0; i < covered.size(); i++) {
            PendingRecord record = covered.get(i);
            if (!record.hasRow()) {
                continue;
            }
            String id = record.row().canalId();
            if (failedIds.contains(id) && firstIndex < 0) {
                firstIndex = i;
            }
            if (firstIndex < 0) {
                rowsBefore++;
            }
            unknown.remove(id);
        }
        return new FailedItems(firstIndex, rowsBefore, unknown.isEmpty() ? Optional.empty() : Optional.of(unknown));
    }
}
