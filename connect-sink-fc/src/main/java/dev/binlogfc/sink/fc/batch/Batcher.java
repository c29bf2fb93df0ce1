package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts records, in the given order, into {@code {"Records":[...]}} bodies within {@link BatchLimits}. Each batch
 * is built when its delivery starts, so that every record's {@code ts} can be that moment. Null values
 * (tombstones) carry no row and are skipped, but stay in their batch so that their offsets count as delivered
 * together with the records around them.
 */
public final class Batcher {

    private static final Logger log = LoggerFactory.getLogger(Batcher.class);
    private static final byte[] PREFIX = "{\"Records\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);
    private static final String DELIVERY_TIME_FIELD = "ts";

    private final List<SinkRecord> records;
    private final BatchLimits limits;
    private final RecordValueReader reader;
    private final ObjectMapper json;
    private int position;

    public Batcher(List<SinkRecord> records, BatchLimits limits, ObjectMapper json) {
        this.records = records;
        this.limits = limits;
        this.json = json;
        this.reader = new RecordValueReader(json);
    }

    public boolean hasNext() {
        return position < records.size();
    }

    /** The next batch, with {@code ts} of each of its records set to {@code deliveryStartMillis}. */
    public Batch next(long deliveryStartMillis) {
        List<SinkRecord> covered = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        int bodyBytes = PREFIX.length + SUFFIX.length;
        while (hasNext()) {
            SinkRecord record = records.get(position);
            if (record.value() == null) {
                log.debug("{} is a tombstone (null value) and carries no row; skipped, its offset counts as"
                    + " delivered", RecordValueReader.position(record));
                covered.add(record);
                position++;
                continue;
            }
            if (payloads.size() == limits.maxRecords()) {
                break;
            }
            byte[] payload = serialize(record, deliveryStartMillis);
            int separator = payloads.isEmpty() ? 0 : 1;
            if (bodyBytes + separator + payload.length > limits.maxBytes()) {
                if (payloads.isEmpty()) {
                    throw new DataException(RecordValueReader.position(record) + " is " + payload.length
                        + " bytes as JSON, too large for a batch of at most " + limits.maxBytes()
                        + " bytes (batch.max.bytes, including the " + (PREFIX.length + SUFFIX.length)
                        + "-byte {\"Records\":[]} wrapper); raise batch.max.bytes or keep such rows out of the topic");
                }
                break;
            }
            payloads.add(payload);
            covered.add(record);
            bodyBytes += separator + payload.length;
            position++;
        }
        return new Batch(List.copyOf(covered), payloads.size(), body(payloads, bodyBytes));
    }

    private byte[] serialize(SinkRecord record, long deliveryStartMillis) {
        ObjectNode row = reader.toJsonObject(record);
        row.put(DELIVERY_TIME_FIELD, deliveryStartMillis);
        try {
            return json.writeValueAsBytes(row);
        } catch (JsonProcessingException e) {
            throw new DataException(RecordValueReader.position(record) + " cannot be written as JSON: "
                + e.getOriginalMessage(), e);
        }
    }

    private static byte[] body(List<byte[]> payloads, int bodyBytes) {
        if (payloads.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(bodyBytes);
        body.writeBytes(PREFIX);
        for (int i = 0; i < payloads.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(payloads.get(i));
        }
        body.writeBytes(SUFFIX);
        return body.toByteArray();
    }
}
