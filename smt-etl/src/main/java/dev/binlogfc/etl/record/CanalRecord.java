package dev.binlogfc.etl.record;

import dev.binlogfc.common.canal.CanalFields;
import dev.binlogfc.common.canal.CanalTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One Canal record (the map the Canal SMT produces, or the same JSON object parsed from a string), read and edited
 * so that the column-keyed parts ({@code data}, {@code old}, {@code sqlType}, {@code mysqlType}, {@code pkNames})
 * stay consistent with each other. Shape errors are {@link IllegalArgumentException}s naming the field.
 */
public final class CanalRecord {
    private final Map<String, Object> fields;

    private CanalRecord(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Wraps the map without copying; edit only a {@link #editableCopy()}. */
    public static CanalRecord of(Map<String, Object> fields) {
        return new CanalRecord(fields);
    }

    /**
     * A copy whose column-keyed parts are fresh collections. Transforms edit copies rather than the record they were
     * given because Connect re-runs the whole chain on the original record when a later step fails retriably.
     */
    public CanalRecord editableCopy() {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copyList(copy, CanalFields.PK_NAMES);
        copyMap(copy, CanalFields.SQL_TYPE);
        copyMap(copy, CanalFields.MYSQL_TYPE);
        copyRows(copy, CanalFields.DATA);
        copyRows(copy, CanalFields.OLD);
        return new CanalRecord(copy);
    }

    /** The underlying map, in its original key order. */
    public Map<String, Object> fields() {
        return fields;
    }

    public String database() {
        return requiredString(CanalFields.DATABASE);
    }

    public String table() {
        return requiredString(CanalFields.TABLE);
    }

    /** INIT, INSERT, UPDATE, DELETE or DDL. */
    public String type() {
        return requiredString(CanalFields.TYPE);
    }

    public boolean isDdl() {
        return Boolean.TRUE.equals(fields.get(CanalFields.IS_DDL)) || CanalTypes.DDL.equals(type());
    }

    /** {@code database.table}, the name the table selectors match. */
    public String qualifiedTable() {
        return database() + "." + table();
    }

    /** The row image of {@code data}; null for DDL. */
    public Map<String, Object> data() {
        return row(CanalFields.DATA);
    }

    /** The before image of an UPDATE; null otherwise. */
    public Map<String, Object> old() {
        return row(CanalFields.OLD);
    }

    /** Every column the record mentions, in data, old, sqlType or mysqlType. */
    public Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> part : columnKeyedParts()) {
            columns.addAll(part.keySet());
        }
        return columns;
    }

    public void setDatabase(String database) {
        fields.put(CanalFields.DATABASE, database);
    }

    public void setTable(String table) {
        fields.put(CanalFields.TABLE, table);
    }

    /** Removes the column from the row images, the type maps and the primary key names. */
    public void removeColumn(String column) {
        for (Map<String, Object> part : columnKeyedParts()) {
            part.remove(column);
        }
        List<Object> pkNames = pkNames();
        if (pkNames != null) {
            pkNames.remove(column);
        }
    }

    /**
     * Renames the column everywhere, keeping its position. Renaming onto another existing column would silently
     * merge two columns, so it is refused.
     */
    public void renameColumn(String from, String to) {
        for (Map<String, Object> part : columnKeyedParts()) {
            if (part.containsKey(from) && part.containsKey(to)) {
                throw new IllegalArgumentException("cannot rename column '" + from + "' to '" + to + "' in "
                        + qualifiedTable() + ": the table already has a column '" + to + "'");
            }
        }
        replacePart(CanalFields.DATA, from, to);
        replacePart(CanalFields.OLD, from, to);
        replaceMap(CanalFields.SQL_TYPE, from, to);
        replaceMap(CanalFields.MYSQL_TYPE, from, to);
        List<Object> pkNames = pkNames();
        if (pkNames != null) {
            pkNames.replaceAll(name -> from.equals(name) ? to : name);
        }
    }

    /** Replaces the column's non-null values in {@code data} and {@code old}. */
    public void replaceValues(String column, UnaryOperator<String> replacement) {
        for (Map<String, Object> row : rows()) {
            Object value = row.get(column);
            if (value != null) {
                row.put(column, replacement.apply(value.toString()));
            }
        }
    }

    /** Sets the column's type in {@code mysqlType} and {@code sqlType}, where the column is described. */
    public void setColumnType(String column, String mysqlType, int sqlType) {
        Map<String, Object> mysqlTypes = map(CanalFields.MYSQL_TYPE);
        if (mysqlTypes != null && mysqlTypes.containsKey(column)) {
            mysqlTypes.put(column, mysqlType);
        }
        Map<String, Object> sqlTypes = map(CanalFields.SQL_TYPE);
        if (sqlTypes != null && sqlTypes.containsKey(column)) {
            sqlTypes.put(column, sqlType);
        }
    }

    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>(2);
        addIfPresent(rows, data());
        addIfPresent(rows, old());
        return rows;
    }

    private List<Map<String, Object>> columnKeyedParts() {
        List<Map<String, Object>> parts = rows();
        addIfPresent(parts, map(CanalFields.SQL_TYPE));
        addIfPresent(parts, map(CanalFields.MYSQL_TYPE));
        return parts;
    }

    private void replacePart(String rowField, String from, String to) {
        Map<String, Object> row = row(rowField);
        if (row != null && row.containsKey(from)) {
            rowList(rowField).set(0, renamedKey(row, from, to));
        }
    }

    private void replaceMap(String field, String from, String to) {
        Map<String, Object> map = map(field);
        if (map != null && map.containsKey(from)) {
            fields.put(field, renamedKey(map, from, to));
        }
    }

    private static Map<String, Object> renamedKey(Map<String, Object> map, String from, String to) {
        Map<String, Object> renamed = new LinkedHashMap<>();
        map.forEach((key, value) -> renamed.put(from.equals(key) ? to : key, value));
        return renamed;
    }

    private String requiredString(String field) {
        Object value = fields.get(field);
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("the Canal record's '" + field + "' must be a string, but is "
                + describe(value));
    }

    private Map<String, Object> row(String field) {
        List<Object> rows = rowList(field);
        if (rows == null) {
            return null;
        }
        if (rows.size() != 1 || !(rows.get(0) instanceof Map)) {
            throw new IllegalArgumentException("the Canal record's '" + field
                    + "' must be a list holding one row object, but is " + describe(rows));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) rows.get(0);
        return row;
    }

    @SuppressWarnings("unchecked")
    private List<Object> rowList(String field) {
        Object value = fields.get(field);
        if (value == null || value instanceof List) {
            return (List<Object>) value;
        }
        throw new IllegalArgumentException("the Canal record's '" + field + "' must be a list or null, but is "
                + describe(value));
    }

    @SuppressWarnings("unchecked")
    private List<Object> pkNames() {
        Object value = fields.get(CanalFields.PK_NAMES);
        if (value == null || value instanceof List) {
            return (List<Object>) value;
        }
        throw new IllegalArgumentException("the Canal record's '" + CanalFields.PK_NAMES + "' must be a list, but is "
                + describe(value));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String field) {
        Object value = fields.get(field);
        if (value == null || value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException("the Canal record's '" + field + "' must be an object, but is "
                + describe(value));
    }

    private static void addIfPresent(List<Map<String, Object>> parts, Map<String, Object> part) {
        if (part != null) {
            parts.add(part);
        }
    }

    private static void copyList(Map<String, Object> copy, String field) {
        if (copy.get(field) instanceof List<?> list) {
            copy.put(field, new ArrayList<>(list));
        }
    }

    private static void copyMap(Map<String, Object> copy, String field) {
        if (copy.get(field) instanceof Map<?, ?> map) {
            copy.put(field, new LinkedHashMap<>(map));
        }
    }

    private static void copyRows(Map<String, Object> copy, String field) {
        if (copy.get(field) instanceof List<?> rows) {
            List<Object> copiedRows = new ArrayList<>(rows.size());
            for (Object row : rows) {
                copiedRows.add(row instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : row);
            }
            copy.put(field, copiedRows);
        }
    }

    private static String describe(Object value) {
        return value == null ? "missing" : value.getClass().getSimpleName() + " " + value;
    }
}
