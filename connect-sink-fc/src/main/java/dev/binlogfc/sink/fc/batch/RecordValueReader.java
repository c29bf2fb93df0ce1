package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads a record value as a JSON object: a {@link Map} (JsonConverter with schemas.enable=false) or a String
 * holding a JSON object (StringConverter). Anything else is a {@link DataException} saying what to configure.
 */
public final class RecordValueReader {

    private static final String CONVERTER_HINT = "the FC sink needs each value to be a JSON object: set"
        + " value.converter=org.apache.kafka.connect.json.JsonConverter with value.converter.schemas.enable=false,"
        + " or value.converter=org.apache.kafka.connect.storage.StringConverter for topics holding JSON text";

    private final ObjectMapper json;

    public RecordValueReader(ObjectMapper json) {
        this.json = json;
    }

    /** The value as a new JSON object that the caller may change; the record is left untouched. */
    public ObjectNode toJsonObject(SinkRecord record) {
        Object value = record.value();
        if (value instanceof Map<?, ?> map) {
            try {
                return json.valueToTree(map);
            } catch (IllegalArgumentException e) {
                throw new DataException(position(record) + " has a Map value that cannot be written as JSON: "
                    + e.getMessage(), e);
            }
        }
        if (value instanceof String text) {
            JsonNode parsed;
            try {
                parsed = json.readTree(text);
            } catch (JsonProcessingException e) {
                throw new DataException(position(record) + " has a String value that is not JSON ("
                    + e.getOriginalMessage() + "); " + CONVERTER_HINT, e);
            }
            if (parsed instanceof ObjectNode object) {
                return object;
            }
            throw new DataException(position(record) + " has a String value holding JSON "
                + (parsed == null ? "nothing" : parsed.getNodeType().toString().toLowerCase()) + ", not an object; "
                + CONVERTER_HINT);
        }
        throw new DataException(position(record) + " has a value of type " + value.getClass().getName() + "; "
            + CONVERTER_HINT);
    }

    /** "Record topic/partition/offset", the way errors name a record. */
    public static String position(SinkRecord record) {
        return "Record " + record.topic() + "/" + record.kafkaPartition() + "/" + record.kafkaOffset();
    }
}
