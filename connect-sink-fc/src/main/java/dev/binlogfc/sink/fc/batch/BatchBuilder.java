package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;

/**
 * Cuts the head of a partition's queue into one {@code {"Records":[...]}} body within {@link BatchLimits}. The
 * batch is built when its delivery starts, so that every row's {@code ts} is that moment. Records without a row
 * (tombstones, records sent to the dead-letter queue) are not in the body but are covered by the batch, so that
 * their offsets count as done with the rows around them.
 */
public final class BatchBuilder {

    static final String DELIVERY_TIME_FIELD = "ts";
    private static final byte[] PREFIX = "{\"Records\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);
    static final int WRAPPER_BYTES = PREFIX.length + SUFFIX.length;

    private final ObjectMapper json;

    public BatchBuilder(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The batch at the head of {@code queue}: as many records as fit {@code limits}; the first row is always taken
     * ({@link RecordPreparer} made sure it fits on its own).
     */
    public Batch build(Iterable<PendingRecord> queue, BatchLimits limits, long deliveryStartMillis) {
        List<PendingRecord> covered = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        BatchCost.Builder cost = new BatchCost.Builder();
        int bodyBytes = WRAPPER_BYTES;
        for (PendingRecord pending : queue) {
            if (!pending.hasRow()) {
                covered.add(pending);
                continue;
            }
            if (payloads.size() == limits.maxRecords()) {
                break;
            }
            pending.row().put(DELIVERY_TIME_FIELD, deliveryStartMillis);
            byte[] payload = serialize(pending);
            int separator = payloads.isEmpty() ? 0 : 1;
            if (!payloads.isEmpty() && bodyBytes + separator + payload.length > limits.maxBytes()) {
                break;
            }
            payloads.add(payload);
            covered.add(pending);
            cost.add(pending.initial(), payload.length);
            bodyBytes += separator + payload.length;
        }
        return new Batch(List.copyOf(covered), payloads.size(), body(payloads, bodyBytes), cost.build());
    }

    private byte[] serialize(PendingRecord pending) {
        try {
            return json.writeValueAsBytes(pending.row());
        } catch (JsonProcessingException e) {
            throw new DataException(RecordValueReader.position(pending.record()) + " cannot be written as JSON: "
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
