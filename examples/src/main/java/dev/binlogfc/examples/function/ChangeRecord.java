package dev.binlogfc.examples.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.common.canal.CanalFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One element of the {@code Records} array, with the fields the replica needs: where the change happened, what it
 * is, the key columns, the row after ({@code data}) and before ({@code old}, UPDATE only) as text, and each column's
 * MySQL type.
 */
public record ChangeRecord(String database, String table, ChangeType type, List<String> pkNames, String sql,
                           Map<String, String> data, Map<String, String> old, Map<String, String> mysqlType) {

    /** Reads a record, failing with a message that names the record's position and what is missing or wrong. */
    public static ChangeRecord from(JsonNode record, int position) {
        String where = "Records[" + position + "]";
        if (!record.isObject()) {
            throw new IllegalArgumentException(where + " is not a JSON object: " + record);
        }
        ChangeType type = type(record, where);
        List<String> pkNames = new ArrayList<>();
        record.path(CanalFields.PK_NAMES).forEach(name -> pkNames.add(name.asText()));
        Map<String, String> data = type == ChangeType.DDL ? Map.of() : row(record, CanalFields.DATA, where);
        Map<String, String> old = type == ChangeType.UPDATE && !record.path(CanalFields.OLD).isNull()
                ? row(record, CanalFields.OLD, where) : null;
        Map<String, String> mysqlType = new LinkedHashMap<>();
        record.path(CanalFields.MYSQL_TYPE).fields()
                .forEachRemaining(e -> mysqlType.put(e.getKey(), e.getValue().asText()));
        return new ChangeRecord(text(record, CanalFields.DATABASE, where, type != ChangeType.DDL),
                text(record, CanalFields.TABLE, where, type != ChangeType.DDL), type, List.copyOf(pkNames),
                text(record, CanalFields.SQL, where, type == ChangeType.DDL), Collections.unmodifiableMap(data),
                old == null ? null : Collections.unmodifiableMap(old), Collections.unmodifiableMap(mysqlType));
    }

    private static ChangeType type(JsonNode record, String where) {
        String type = record.path(CanalFields.TYPE).asText("");
        try {
            return ChangeType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " has type '" + type + "'; expected one of INIT, INSERT, UPDATE, DELETE, DDL", e);
        }
    }

    private static String text(JsonNode record, String field, String where, boolean required) {
        String value = record.path(field).asText("");
        if (required && value.isEmpty()) {
            throw new IllegalArgumentException(where + " (" + record.path(CanalFields.TYPE).asText() + ") lacks '"
                    + field + "'");
        }
        return value;
    }

    /** {@code data} or {@code old}: an array of one object whose values are strings or null. */
    private static Map<String, String> row(JsonNode record, String field, String where) {
        JsonNode rows = record.path(field);
        if (!rows.isArray() || rows.size() != 1 || !rows.get(0).isObject()) {
            throw new IllegalArgumentException(where + "." + field + " must be an array holding one row object, not " + rows);
        }
        Map<String, String> row = new LinkedHashMap<>();
        rows.get(0).fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return row;
    }
}
