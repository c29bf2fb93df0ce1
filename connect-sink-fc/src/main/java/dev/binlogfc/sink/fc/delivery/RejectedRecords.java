package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.PendingRecord;
import dev.binlogfc.sink.fc.batch.RecordValueReader;

/** How errors and logs name a record the function rejected. */
final class RejectedRecords {

    private RejectedRecords() {
    }

    /** "Record topic/partition/offset (table db.table, key ..., id ...)". */
    static String describe(PendingRecord record) {
        return RecordValueReader.position(record.record()) + " (table " + record.row().database() + "."
            + record.row().table() + ", key " + RecordValueReader.keyText(record.record()) + ", id "
            + record.row().canalId() + ")";
    }
}
