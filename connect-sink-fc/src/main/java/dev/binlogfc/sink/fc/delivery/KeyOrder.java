package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.batch.PendingRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key-ordered delivery within a partition, after Confluent's Parallel Consumer in KEY order: a queued record may
 * join a new batch unless what it changes ({@link RecordFootprint}) overlaps a batch in flight or a record before
 * it that has to wait; such a record waits, and so does every later record it overlaps. Each key's records therefore
 * arrive in offset order, a DDL after every earlier record of its table and before every later one, and an UPDATE
 * that changes the primary key after every earlier change of either key.
 */
final class KeyOrder implements RecordOrder {

    /** How far past the head a selection looks, in batches: waiting records are passed over again each time. */
    private static final int SCAN_BATCHES = 4;

    private final int maxInFlight;
    private final int maxRows;
    private final int scanLimit;
    private final FootprintReader reader = new FootprintReader();
    private final KeyLocks inFlight = new KeyLocks();
    /** Read once per record, while it waits and while it is in flight. */
    private final Map<PendingRecord, RecordFootprint> footprints = new IdentityHashMap<>();

    KeyOrder(int maxInFlight, int maxRowsPerBatch) {
        this.maxInFlight = maxInFlight;
        this.maxRows = maxRowsPerBatch;
        this.scanLimit = SCAN_BATCHES * maxRowsPerBatch;
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public List<PendingRecord> eligible(Deque<PendingRecord> queue) {
        List<PendingRecord> eligible = new ArrayList<>();
        KeyLocks passedOver = new KeyLocks();
        int rows = 0;
        int scanned = 0;
        for (PendingRecord record : queue) {
            if (rows == maxRows || scanned++ == scanLimit) {
                break;
            }
            if (!record.hasRow()) {
                eligible.add(record);
                continue;
            }
            RecordFootprint footprint = footprint(record);
            if (inFlight.isFree(footprint) && passedOver.isFree(footprint)) {
                eligible.add(record);
                rows++;
            } else {
                passedOver.hold(footprint);
                if (passedOver.holdsPartition()) {
                    break;
                }
            }
        }
        return eligible;
    }

    private RecordFootprint footprint(PendingRecord record) {
        return footprints.computeIfAbsent(record, reader::read);
    }

    @Override
    public void hold(Collection<PendingRecord> records) {
        for (PendingRecord record : records) {
            if (record.hasRow()) {
                inFlight.hold(footprint(record));
            }
        }
    }

    @Override
    public void release(Collection<PendingRecord> records) {
        for (PendingRecord record : records) {
            if (record.hasRow()) {
                inFlight.release(footprints.remove(record));
            }
        }
    }
}
