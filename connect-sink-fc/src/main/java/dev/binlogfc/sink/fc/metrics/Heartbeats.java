package dev.binlogfc.sink.fc.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.sink.fc.batch.ConsumedPosition;
import dev.binlogfc.sink.fc.batch.DeliveredOffsets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Debezium's heartbeat records, read from the heartbeat topic ({@code <topic.heartbeat.prefix>.<topic.prefix>}) when
 * the sink's topics include it. They are never sent to the function: each only tells when Debezium emitted it while
 * reading the binlog ({@code ts_ms}), which the task uses as a latency marker, and its offset is done at once.
 */
public final class Heartbeats {

    private static final String EMITTED_AT = "ts_ms";
    private static final String ENVELOPE_PAYLOAD = "payload";

    private final String topicPrefix;
    private final ObjectMapper json;
    private final DeliveredOffsets offsets = new DeliveredOffsets();

    /** @param topicPrefix the prefix of heartbeat topics; empty: no record is a heartbeat */
    public Heartbeats(String topicPrefix, ObjectMapper json) {
        this.topicPrefix = topicPrefix;
        this.json = json;
    }

    public boolean isHeartbeat(SinkRecord record) {
        return !topicPrefix.isEmpty() && ConsumedPosition.partition(record).topic().startsWith(topicPrefix);
    }

    /**
     * Takes a heartbeat: its offset becomes committable.
     *
     * @return when Debezium emitted it (epoch ms): its {@code ts_ms}, else the record's Kafka timestamp; empty when
     *     it has neither
     */
    public OptionalLong accept(SinkRecord record) {
        offsets.markDelivered(ConsumedPosition.partition(record), ConsumedPosition.offset(record));
        Long emittedAt = emittedAt(record.value());
        if (emittedAt != null) {
            return OptionalLong.of(emittedAt);
        }
        return record.timestamp() == null ? OptionalLong.empty() : OptionalLong.of(record.timestamp());
    }

    /** The heartbeat value as any converter hands it over: a Struct, a Map, or JSON text (with or without schema). */
    private Long emittedAt(Object value) {
        if (value instanceof Struct struct) {
            return struct.schema().field(EMITTED_AT) == null ? null : struct.getInt64(EMITTED_AT);
        }
        if (value instanceof Map<?, ?> map) {
            return map.get(EMITTED_AT) instanceof Number number ? number.longValue() : null;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
            : value instanceof String string ? string : null;
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            JsonNode fields = node.has(ENVELOPE_PAYLOAD) ? node.get(ENVELOPE_PAYLOAD) : node;
            JsonNode emitted = fields == null ? null : fields.get(EMITTED_AT);
            return emitted != null && emitted.canConvertToLong() ? emitted.asLong() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The offsets to commit for the heartbeat partitions among {@code partitions}. */
    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        return offsets.committable(partitions);
    }

    public void forget(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
    }
}
