package dev.binlogfc.source.canal.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** The columns of one table, in table order, read from the row schema of a Debezium change event. */
final class TableColumns {

    private record Column(Field field, MySqlColumnType type, String ref) {
    }

    private final List<Column> columns;
    /** The same for every row of the table version, so built once; read-only. */
    private final Map<String, Integer> sqlTypes;
    private final Map<String, String> mysqlTypes;

    private TableColumns(List<Column> columns, CanalFormat format) {
        this.columns = columns;
        this.sqlTypes = Collections.unmodifiableMap(sqlTypes(format.sqlTypeCodes()));
        this.mysqlTypes = Collections.unmodifiableMap(mysqlTypes(format.mysqlTypeForm()));
    }

    /** @throws DataException when a column lacks a usable source type parameter */
    static TableColumns of(String database, String table, Schema rowSchema, CanalFormat format) {
        List<Column> columns = new ArrayList<>();
        for (Field field : rowSchema.fields()) {
            String ref = "`" + database + "`.`" + table + "`.`" + field.name() + "`";
            columns.add(new Column(field, MySqlColumnType.fromParameters(field.schema().parameters(), ref), ref));
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

    /** @return column name to text, SQL NULL as null */
    Map<String, String> render(Struct row, ColumnValueRenderer renderer) {
        Map<String, String> texts = new LinkedHashMap<>(mapCapacity(columns.size()));
        for (Column column : columns) {
            Field field = column.field();
            try {
                texts.put(field.name(), renderer.render(column.type(), field.schema(), row.get(field.name())));
            }
            catch (RuntimeException e) {
                throw new DataException("Cannot render column " + column.ref() + " (source type " + column.type().typeName()
                        + ", schema " + describe(field.schema()) + ") as Canal text: " + e.getMessage(), e);
            }
        }
        return texts;
    }

    /** A capacity that holds {@code entries} without rehashing at the default load factor. */
    static int mapCapacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private static String describe(Schema schema) {
        return schema.name() == null ? schema.type().toString() : schema.type() + " " + schema.name();
    }
}
