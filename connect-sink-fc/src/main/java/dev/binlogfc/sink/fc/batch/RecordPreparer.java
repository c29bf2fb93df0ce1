package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a consumed record into a {@link PendingRecord}, on the task's thread, so that a bad record is found
 * before it joins a partition's queue: a value that is not a JSON object, or a row that alone exceeds
 * batch.max.bytes, is a {@link DataException} naming the record, and the task hands it to Connect's error
 * handling while its neighbours are delivered.
 */
public final class RecordPreparer {

    private final RecordValueReader reader;
    private final int maxBytes;

    public RecordPreparer(ObjectMapper json, int maxBytes) {
        this.reader = new RecordValueReader(json);
        this.maxBytes = maxBytes;
    }

    /**
     * The record ready for batching. {@code nowMillis} stands in for {@code ts} while measuring, so that the size
     * is the one the row has when it is sent (epoch ms have 13 digits until the year 2286).
     */
    public PendingRecord prepare(SinkRecord record, long nowMillis, long nowNanos) {
        if (record.value() == null) {
            return PendingRecord.withoutRow(record, nowNanos);
        }
        JsonRow row = reader.read(record);
        int size = row.size(Long.toString(nowMillis).length());
        int limit = maxBytes - BatchBuilder.WRAPPER_BYTES;
        if (size > limit) {
            throw new DataException(RecordValueReader.position(record) + " (table " + row.database() + "."
                + row.table() + ", key " + RecordValueReader.keyText(record) + ") is " + size
                + " bytes as JSON, more than the " + limit + " bytes a batch of at most " + maxBytes
                + " bytes (batch.max.bytes) can carry next to the {\"Records\":[]} wrapper; raise batch.max.bytes"
                + " (up to the function's request limit) or route such records to a dead-letter queue with"
                + " errors.tolerance=all and errors.deadletterqueue.topic.name");
        }
        return PendingRecord.withRow(record, row, size, nowNanos);
    }
}
