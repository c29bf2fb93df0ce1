package dev.binlogfc.source.canal.transform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/**
 * Connect data as the JSON text that Kafka's JsonConverter with schemas.enable=false writes for it, so that a
 * StringConverter puts the same bytes on the topic. The common record key, a struct of non-null integer, string and
 * boolean fields, is written directly; everything else (logical types, nulls, which JsonConverter may replace with a
 * default, nested data) by a JsonConverter, so the text matches by construction.
 *
 * <p>Not thread-safe: one per transform instance, which Connect calls from its task's thread only.
 */
final class ConnectJsonText implements AutoCloseable {

    private final JsonConverter converter = new JsonConverter();
    private final JsonFactory factory = new JsonFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

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
        out.reset();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.writeStartObject();
            for (Field field : struct.schema().fields()) {
                Object value = struct.getWithoutDefault(field.name());
                if (value == null || field.schema().name() != null) {
                    return null;
                }
                generator.writeFieldName(field.name());
                switch (field.schema().type()) {
                    case INT8, INT16, INT32, INT64 -> generator.writeNumber(((Number) value).longValue());
                    case STRING -> generator.writeString((String) value);
                    case BOOLEAN -> generator.writeBoolean((Boolean) value);
                    default -> {
                        return null;
                    }
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
