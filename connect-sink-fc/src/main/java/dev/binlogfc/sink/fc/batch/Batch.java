package dev.binlogfc.sink.fc.batch;

import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A run of consecutive records and the request body that delivers them. {@code records} includes tombstones,
 * which are not in the body but count as delivered with the batch; a batch of tombstones only needs no call.
 */
public record Batch(List<SinkRecord> records, int payloadCount, byte[] body) {

    public boolean needsInvocation() {
        return payloadCount > 0;
    }
}
