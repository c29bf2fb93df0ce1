package dev.binlogfc.source.canal.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** The columns of one table, in table order, read from the row schema of a Debezium change event. */
final class TableColumns {

    private record Column(Field field, MySqlColumnType type, String ref, ColumnText text) {
    }

    /** The row schema the columns were read from; a row of it holds each column's value at the field's index. */
    private final Schema rowSchema;
    private final List<Column> columns;
    /** The column names of every row image of this table version. */
    private final List<String> names;
    private final Map<String, Integer> positions;
    /** The same for every row of the table version, so built once; read-only. */
    private final Map<String, Integer> sqlTypes;
    private final Map<String, String> mysqlTypes;

    private TableColumns(Schema rowSchema, List<Column> columns, CanalFormat format, boolean mariaDb) {
        this.rowSchema = rowSchema;
        this.columns = columns;
        this.names = columns.stream().map(column -> column.field().name()).toList();
        Map<String, Integer> positions = new HashMap<>(mapCapacity(names.size()));
        for (int i = 0; i < names.size(); i++) {
            positions.put(names.get(i), i);
        }
        this.positions = positions;
        this.sqlTypes = Collections.unmodifiableMap(sqlTypes(format.sqlTypeCodes(), mariaDb));
        this.mysqlTypes = Collections.unmodifiableMap(mysqlTypes(format.mysqlTypeForm()));
    }

    /** @throws DataException when a column lacks a usable source type parameter */
    static TableColumns of(DebeziumSource source, Schema rowSchema, CanalFormat format,
                           ColumnValueRenderer renderer) {
        String database = source.database();
        String table = source.table();
        List<Column> columns = new ArrayList<>();
        for (Field field : rowSchema.fields()) {
            String ref = "`" + database + "`.`" + table + "`.`" + field.name() + "`";
            MySqlColumnType type = MySqlColumnType.fromParameters(field.schema().parameters(), ref);
            columns.add(new Column(field, type, ref, renderer.forColumn(type, field.schema())));
        }
        return new TableColumns(rowSchema, columns, format, source.mariaDb());
    }

    /** Column name to type code, in table order. */
    Map<String, Integer> sqlTypes() {
        return sqlTypes;
    }

    /** Column name to MySQL type, in table order. */
    Map<String, String> mysqlTypes() {
        return mysqlTypes;
    }

    private Map<String, Integer> sqlTypes(CanalFormat.SqlTypeCodes codes, boolean mariaDb) {
        Map<String, Integer> types = new LinkedHashMap<>();
        for (Column column : columns) {
            MySqlColumnType type = column.type();
            types.put(column.field().name(),
                    codes == CanalFormat.SqlTypeCodes.JDBC ? type.jdbcTypeCode() : type.baseType().protocolCode(mariaDb));
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

    /** The texts of a row's values. */
    RowImage render(Struct row) {
        boolean ofRowSchema = row.schema() == rowSchema;
        String[] texts = new String[columns.size()];
        for (int i = 0; i < texts.length; i++) {
            Column column = columns.get(i);
            texts[i] = text(column, value(row, column, ofRowSchema));
        }
        return new RowImage(names, texts);
    }

    /**
     * The before image of an UPDATE whose after image is {@code afterImage}, rendered from {@code after}; with
     * {@code changedOnly}, only its columns whose text differs from the after image's. A value equal to the after
     * image's has its text and is not rendered again: an UPDATE usually changes a few columns of many.
     */
    RowImage renderBefore(Struct before, Struct after, RowImage afterImage, boolean changedOnly) {
        boolean ofRowSchema = before.schema() == rowSchema && after.schema() == rowSchema;
        String[] texts = new String[columns.size()];
        for (int i = 0; i < texts.length; i++) {
            Column column = columns.get(i);
            Object value = value(before, column, ofRowSchema);
            texts[i] = Objects.equals(value, value(after, column, ofRowSchema))
                    ? afterImage.text(i)
                    : text(column, value);
        }
        if (!changedOnly) {
            return new RowImage(names, texts);
        }
        List<String> changedNames = new ArrayList<>();
        List<String> changedTexts = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            if (!Objects.equals(texts[i], afterImage.text(i))) {
                changedNames.add(names.get(i));
                changedTexts.add(texts[i]);
            }
        }
        return new RowImage(List.copyOf(changedNames), changedTexts.toArray(new String[0]));
    }

    /**
     * A column's value without the field schema's default: Debezium puts a column's DEFAULT there, and Struct.get
     * would show it in place of an actual NULL. A row of the columns' schema is read by field index, without the
     * lookup by name, where the field has no default.
     */
    private static Object value(Struct row, Column column, boolean ofRowSchema) {
        Field field = column.field();
        return ofRowSchema && field.schema().defaultValue() == null
                ? row.get(field)
                : row.getWithoutDefault(field.name());
    }

    private static String text(Column column, Object value) {
        try {
            return value == null ? null : column.text().of(value);
        } catch (RuntimeException e) {
            Schema schema = column.field().schema();
            throw new DataException("Cannot render column " + column.ref() + " (source type " + column.type().typeName()
                    + ", schema " + describe(schema) + ") as Canal text: " + e.getMessage(), e);
        }
    }

    /** A capacity that holds {@code entries} without rehashing at the default load factor. */
    static int mapCapacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private static String describe(Schema schema) {
        return schema.name() == null ? schema.type().toString() : schema.type() + " " + schema.name();
    }
}
