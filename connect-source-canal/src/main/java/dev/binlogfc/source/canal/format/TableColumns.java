package dev.binlogfc.source.canal.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** The columns of one table, in table order, read from the row schema of a Debezium change event. */
final class TableColumns {

    private record Column(Field field, MySqlColumnType type, String ref, ColumnText text) {
    }

    private final List<Column> columns;
    /** The column names of every row image of this table version. */
    private final List<String> names;
    private final Map<String, Integer> positions;
    /** The same for every row of the table version, so built once; read-only. */
    private final Map<String, Integer> sqlTypes;
    private final Map<String, String> mysqlTypes;

    private TableColumns(List<Column> columns, CanalFormat format) {
        this.columns = columns;
        this.names = columns.stream().map(column -> column.field().name()).toList();
        Map<String, Integer> positions = new HashMap<>(mapCapacity(names.size()));
        for (int i = 0; i < names.size(); i++) {
            positions.put(names.get(i), i);
        }
        this.positions = positions;
        this.sqlTypes = Collections.unmodifiableMap(sqlTypes(format.sqlTypeCodes()));
        this.mysqlTypes = Collections.unmodifiableMap(mysqlTypes(format.mysqlTypeForm()));
    }

    /** @throws DataException when a column lacks a usable source type parameter */
    static TableColumns of(String database, String table, Schema rowSchema, CanalFormat format,
                           ColumnValueRenderer renderer) {
        List<Column> columns = new ArrayList<>();
        for (Field field : rowSchema.fields()) {
            String ref = "`" + database + "`.`" + table + "`.`" + field.name() + "`";
            MySqlColumnType type = MySqlColumnType.fromParameters(field.schema().parameters(), ref);
            columns.add(new Column(field, type, ref, renderer.forColumn(type, field.schema())));
        }
        return new TableColumns(columns, format);
    }

    /** Column name to type code, in table order. */
    Map<String, Integer> sqlTypes() {
        return sqlTypes;
    }

    /** Column name to MySQL type, in table order. */
    Map<String, String> mysqlTypes() {
        return mysqlTypes;
    }

    private Map<String, Integer> sqlTypes(CanalFormat.SqlTypeCodes codes) {
        Map<String, Integer> types = new LinkedHashMap<>();
        for (Column column : columns) {
            MySqlColumnType type = column.type();
            types.put(column.field().name(),
                    codes == CanalFormat.SqlTypeCodes.JDBC ? type.jdbcTypeCode() : type.baseType().protocolCode());
        }
        return types;
    }

    private Map<String, String> mysqlTypes(CanalFormat.MySqlTypeForm form) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Column column : columns) {
            MySqlColumnType type = column.type();
            names.put(column.field().name(),
                    form == CanalFormat.MySqlTypeForm.DECLARATION ? type.declaration() : type.baseType().dtsName());
        }
        return names;
    }

    /** The position of a column in the row images, or null when the table has no such column. */
    Integer position(String column) {
        return positions.get(column);
    }

    /**
     * The texts of a row's values. Each value is read without the field schema's default: Debezium puts a column's
     * DEFAULT there, and Struct.get would show it in place of an actual NULL.
     */
    RowImage render(Struct row) {
        String[] texts = new String[columns.size()];
        for (int i = 0; i < texts.length; i++) {
            Column column = columns.get(i);
            Object value = row.getWithoutDefault(column.field().name());
            try {
                texts[i] = value == null ? null : column.text().of(value);
            }
            catch (RuntimeException e) {
                Schema schema = column.field().schema();
                throw new DataException("Cannot render column " + column.ref() + " (source type " + column.type().typeName()
                        + ", schema " + describe(schema) + ") as Canal text: " + e.getMessage(), e);
            }
        }
        return new RowImage(names, texts);
    }

    /** A capacity that holds {@code entries} without rehashing at the default load factor. */
    static int mapCapacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private static String describe(Schema schema) {
        return schema.name() == null ? schema.type().toString() : schema.type() + " " + schema.name();
    }
}
