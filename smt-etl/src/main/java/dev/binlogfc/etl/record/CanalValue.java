package dev.binlogfc.etl.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * A Canal record as it travels in a Connect record's value: a schemaless map on the source side (after the Canal
 * SMT) or on a sink with JsonConverter, or a JSON string on a sink with StringConverter. An edited record is written
 * back in the form it came in.
 */
public final class CanalValue {
    // Jackson reads JSON objects into LinkedHashMaps, so the Canal field and column order survives a round trip.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };

    private final CanalRecord record;
    private final boolean jsonString;

    private CanalValue(CanalRecord record, boolean jsonString) {
        this.record = record;
        this.jsonString = jsonString;
    }

    /** Reads a Connect record value; throws {@link IllegalArgumentException} saying what was found instead. */
    public static CanalValue read(Object value) {
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return new CanalValue(CanalRecord.of(fields), false);
        }
        if (value instanceof String text) {
            try {
                return new CanalValue(CanalRecord.of(JSON.readValue(text, JSON_OBJECT)), true);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the value is a string but not a JSON object: "
                        + e.getOriginalMessage(), e);
            }
        }
        throw new IllegalArgumentException("the value is a " + value.getClass().getName()
                + ", not a Canal record; expected a schemaless map (chain this transform after the Canal SMT on the"
                + " source, or use JsonConverter with schemas.enable=false on the sink) or a JSON string"
                + " (StringConverter on the sink)");
    }

    public CanalRecord record() {
        return record;
    }

    /** The edited record in this value's form: the map itself, or its JSON text. */
    public Object write(CanalRecord edited) {
        if (!jsonString) {
            return edited.fields();
        }
        try {
            return JSON.writeValueAsString(edited.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record parsed from JSON could not be written back as JSON", e);
        }
    }
}
