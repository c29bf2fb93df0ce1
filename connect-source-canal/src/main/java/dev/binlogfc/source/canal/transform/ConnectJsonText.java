package dev.binlogfc.source.canal.transform;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

import dev.binlogfc.source.canal.format.JsonTextBuffer;

/**
 * Connect data as the JSON text that Kafka's JsonConverter with schemas.enable=false writes for it, so that a
 * StringConverter puts the same bytes on the topic. The common record key, a struct of non-null integer, string and
 * boolean fields, is written directly; everything else (logical types, nulls, which JsonConverter may replace with a
 * default, nested data) by a JsonConverter, so the text matches by construction.
 *
 * <p>Not thread-safe: one per transform instance, which Connect calls from its task's thread only.
 */
final class ConnectJsonText implements AutoCloseable {

    private static final Set<Schema.Type> FLAT_TYPES = EnumSet.of(Schema.Type.INT8, Schema.Type.INT16,
            Schema.Type.INT32, Schema.Type.INT64, Schema.Type.STRING, Schema.Type.BOOLEAN);

    private final JsonConverter converter = new JsonConverter();
    private final JsonTextBuffer text = new JsonTextBuffer(new JsonFactory());

    ConnectJsonText() {
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, false,
                JsonConverterConfig.TYPE_CONFIG, ConverterType.VALUE.getName()));
    }

    /** @return the JSON text, or null for a null value */
    String of(Schema schema, Object value) {
        String flat = value instanceof Struct struct ? flatText(struct) : null;
        if (flat != null) {
            return flat;
        }
        // JsonConverter needs a struct's schema; a record may carry a struct without one.
        byte[] json = converter.fromConnectData("", value instanceof Struct struct ? struct.schema() : schema, value);
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        converter.close();
    }

    /** The text of a struct of non-null integer, string and boolean fields, or null for any other struct. */
    private String flatText(Struct struct) {
        List<Field> fields = struct.schema().fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Field field = fields.get(i);
            values[i] = struct.getWithoutDefault(field.name());
            if (values[i] == null || field.schema().name() != null || !FLAT_TYPES.contains(field.schema().type())) {
                return null;
            }
        }
        return text.write(generator -> {
            generator.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                Field field = fields.get(i);
                generator.writeFieldName(field.name());
                switch (field.schema().type()) {
                    case STRING -> generator.writeString((String) values[i]);
                    case BOOLEAN -> generator.writeBoolean((Boolean) values[i]);
                    default -> generator.writeNumber(((Number) values[i]).longValue());
                }
            }
            generator.writeEndObject();
        });
    }
}
