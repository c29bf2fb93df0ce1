package dev.binlogfc.source.canal.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.binlogfc.common.canal.CanalFields;

/**
 * Writes a {@link CanalMessage} as the JSON text that Kafka's JsonConverter (schemas.enable=false) writes for
 * {@link CanalMessage#toMap()}, to the byte, with Jackson's streaming writer and no intermediate map or tree.
 *
 * <p>The sqlType and mysqlType maps of a table version are one object for all its rows (see {@link TableColumns}),
 * so their JSON is written once and reused. Jackson's UTF-8 writer, like JsonConverter's, escapes characters outside
 * the Basic Multilingual Plane (emoji) as surrogate pairs; the text is read back from those bytes.
 *
 * <p>Not thread-safe: one writer per transform instance, which Connect calls from its task's thread only.
 */
public final class CanalJsonWriter {

    /** Bounds the caches, like the column cache: an entry per table version in a task (two for the type maps). */
    private static final int MAX_CACHED_TABLE_VERSIONS = 20_000;

    private final ObjectMapper json = new ObjectMapper();
    private final JsonFactory factory = json.getFactory();
    private final IdentityCache<Map<String, ?>, SerializableString> typeMapJson =
            new IdentityCache<>(MAX_CACHED_TABLE_VERSIONS);
    /** The column names of a table version's row images, quoted and encoded once. */
    private final IdentityCache<List<String>, SerializableString[]> columnNamesJson =
            new IdentityCache<>(MAX_CACHED_TABLE_VERSIONS);
    private final JsonTextBuffer text = new JsonTextBuffer(factory);

    /** @return the record as JSON text */
    public String write(CanalMessage message) {
        return text.write(generator -> {
            generator.writeStartObject();
            generator.writeNumberField(CanalFields.ID, message.id());
            generator.writeStringField(CanalFields.DATABASE, message.database());
            generator.writeStringField(CanalFields.TABLE, message.table());
            generator.writeFieldName(CanalFields.PK_NAMES);
            generator.writeStartArray();
            for (String pkName : message.pkNames()) {
                generator.writeString(pkName);
            }
            generator.writeEndArray();
            generator.writeBooleanField(CanalFields.IS_DDL, message.isDdl());
            generator.writeStringField(CanalFields.TYPE, message.type());
            generator.writeNumberField(CanalFields.ES, message.es());
            generator.writeNumberField(CanalFields.TS, message.ts());
            generator.writeStringField(CanalFields.SQL, message.sql());
            generator.writeFieldName(CanalFields.SQL_TYPE);
            generator.writeRawValue(typeMap(message.sqlType()));
            generator.writeFieldName(CanalFields.MYSQL_TYPE);
            generator.writeRawValue(typeMap(message.mysqlType()));
            generator.writeFieldName(CanalFields.DATA);
            writeRow(generator, message.data());
            generator.writeFieldName(CanalFields.OLD);
            writeRow(generator, message.old());
            generator.writeStringField(CanalFields.SERVER_ID, message.serverId());
            generator.writeEndObject();
        });
    }

    /** A row image as Canal carries it: a one-element list, or null. */
    private void writeRow(JsonGenerator generator, RowImage row) throws IOException {
        if (row == null) {
            generator.writeNull();
            return;
        }
        SerializableString[] names = columnNames(row.columns());
        generator.writeStartArray();
        generator.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            generator.writeFieldName(names[i]);
            generator.writeString(row.text(i));
        }
        generator.writeEndObject();
        generator.writeEndArray();
    }

    private SerializableString[] columnNames(List<String> columns) {
        return columnNamesJson.get(columns, names -> names.stream().map(SerializedString::new)
                .toArray(SerializableString[]::new));
    }

    private SerializableString typeMap(Map<String, ?> types) {
        return typeMapJson.get(types, map -> {
            try {
                return new SerializedString(new String(json.writeValueAsBytes(map), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Writing JSON to memory failed", e);
            }
        });
    }
}
