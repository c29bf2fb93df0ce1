package dev.binlogfc.etl.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * A Canal record as it travels in a Connect record's value: a schemaless map on the source side (after the Canal
 * SMT) or on a sink with JsonConverter, a JSON string on a sink with StringConverter, or the UTF-8 bytes of one on a
 * sink with ByteArrayConverter. An edited record is written back in the form it came in.
 */
public final class CanalValue {
    // Jackson reads JSON objects into LinkedHashMaps, so the Canal field and column order survives a round trip.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };

    private enum Form { MAP, JSON_TEXT, JSON_BYTES }

    private final CanalRecord record;
    private final Form form;

    private CanalValue(CanalRecord record, Form form) {
        this.record = record;
        this.form = form;
    }

    /** Reads a Connect record value; throws {@link IllegalArgumentException} saying what was found instead. */
    public static CanalValue read(Object value) {
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return new CanalValue(CanalRecord.of(fields), Form.MAP);
        }
        try {
            if (value instanceof String text) {
                return new CanalValue(CanalRecord.of(JSON.readValue(text, JSON_OBJECT)), Form.JSON_TEXT);
            }
            if (value instanceof byte[] bytes) {
                return new CanalValue(CanalRecord.of(JSON.readValue(bytes, JSON_OBJECT)), Form.JSON_BYTES);
            }
        } catch (IOException e) {
            String found = value instanceof String ? "a string" : "bytes";
            throw new IllegalArgumentException("the value is " + found + " but not a JSON object: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()), e);
        }
        throw new IllegalArgumentException("the value is a " + value.getClass().getName()
                + ", not a Canal record; expected a schemaless map (chain this transform after the Canal SMT on the"
                + " source, or use JsonConverter with schemas.enable=false on the sink), a JSON string"
                + " (StringConverter on the sink) or its bytes (ByteArrayConverter on the sink)");
    }

    public CanalRecord record() {
        return record;
    }

    /** The edited record in this value's form: the map itself, its JSON text or that text's UTF-8 bytes. */
    public Object write(CanalRecord edited) {
        try {
            return switch (form) {
                case MAP -> edited.fields();
                case JSON_TEXT -> JSON.writeValueAsString(edited.fields());
                case JSON_BYTES -> JSON.writeValueAsBytes(edited.fields());
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record parsed from JSON could not be written back as JSON", e);
        }
    }
}
