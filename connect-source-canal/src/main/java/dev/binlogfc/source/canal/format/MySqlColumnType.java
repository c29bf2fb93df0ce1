package dev.binlogfc.source.canal.format;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.connect.errors.DataException;

/**
 * A column's source type as Debezium propagates it into the field schema parameters when the connector runs with
 * {@code column.propagate.source.type=.*}.
 *
 * @param typeName the upper-case type name as Debezium gives it, e.g. "INT UNSIGNED"
 * @param baseType the base type it resolves to
 * @param unsigned whether the column is UNSIGNED (ZEROFILL implies UNSIGNED in MySQL)
 * @param zerofill whether the column is ZEROFILL
 * @param length the declared length, or for temporal types the fractional seconds precision; null when not declared
 * @param scale the declared scale; null when not declared
 * @param allowedValues the comma-separated members of an ENUM or SET as Debezium lists them; null for other types
 */
public record MySqlColumnType(String typeName, MySqlBaseType baseType, boolean unsigned, boolean zerofill,
                              Integer length, Integer scale, String allowedValues) {

    public static final String TYPE_PARAMETER = "__debezium.source.column.type";
    public static final String LENGTH_PARAMETER = "__debezium.source.column.length";
    public static final String SCALE_PARAMETER = "__debezium.source.column.scale";
    /** Debezium's parameter listing the members of ENUM and SET columns. */
    public static final String ALLOWED_PARAMETER = "allowed";

    /**
     * Reads the type from a field's schema parameters.
     *
     * @param parameters the field schema's parameters; may be null
     * @param columnRef how to name the column in error messages, e.g. "`shop`.`orders`.`id`"
     * @throws DataException when the type parameter is missing or names a type this mapping does not know
     */
    public static MySqlColumnType fromParameters(Map<String, String> parameters, String columnRef) {
        String typeName = parameters == null ? null : parameters.get(TYPE_PARAMETER);
        if (typeName == null) {
            throw new DataException("Column " + columnRef + " has no schema parameter '" + TYPE_PARAMETER
                    + "', which the Canal SMT needs for sqlType and mysqlType: set column.propagate.source.type=.*"
                    + " on the Debezium connector");
        }
        MySqlBaseType baseType = MySqlBaseType.forTypeName(typeName).orElseThrow(() -> new DataException(
                "Column " + columnRef + " has source type '" + typeName + "', which the Canal SMT cannot map to a"
                        + " MySQL protocol type code; exclude the column with column.exclude.list on the Debezium connector"));
        String upperName = " " + typeName.toUpperCase(Locale.ROOT) + " ";
        boolean zerofill = upperName.contains(" ZEROFILL ");
        return new MySqlColumnType(typeName, baseType, zerofill || upperName.contains(" UNSIGNED "), zerofill,
                integerParameter(parameters, LENGTH_PARAMETER, columnRef),
                integerParameter(parameters, SCALE_PARAMETER, columnRef), parameters.get(ALLOWED_PARAMETER));
    }

    /**
     * The column declaration as {@code information_schema.COLUMNS.COLUMN_TYPE} and Canal show it, e.g.
     * {@code varchar(20)}, {@code decimal(10,2) unsigned}, {@code enum('s','m')}, {@code datetime(3)}, with the length
     * of the DDL Debezium parsed: the snapshot reads SHOW CREATE TABLE, which has the server's display widths
     * ({@code int(11)}), while a later ALTER/CREATE in the binlog has the widths as the statement wrote them.
     */
    public String declaration() {
        StringBuilder declaration = new StringBuilder(baseType.dtsName());
        if (allowedValues != null && (baseType == MySqlBaseType.ENUM || baseType == MySqlBaseType.SET)) {
            declaration.append('(');
            String[] members = allowedValues.isEmpty() ? new String[0] : allowedValues.split(",", -1);
            for (int i = 0; i < members.length; i++) {
                declaration.append(i == 0 ? "" : ",").append('\'').append(members[i].replace("'", "''")).append('\'');
            }
            declaration.append(')');
        }
        else if (length != null && length > 0) {
            declaration.append('(').append(length).append(scale == null ? "" : "," + scale).append(')');
        }
        if (unsigned) {
            declaration.append(" unsigned");
        }
        if (zerofill) {
            declaration.append(" zerofill");
        }
        return declaration.toString();
    }

    /** The {@code java.sql.Types} code Canal gives the column: an UNSIGNED integer gets the next wider type. */
    public int jdbcTypeCode() {
        return unsigned ? baseType.unsignedJdbcCode() : baseType.jdbcCode();
    }

    /** Fractional seconds digits of a temporal column; Debezium puts the fsp of DATETIME(3), TIME(6)... in the length. */
    public int fractionalSecondsDigits() {
        return length == null ? 0 : length;
    }

    private static Integer integerParameter(Map<String, String> parameters, String key, String columnRef) {
        String value = parameters.get(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        }
        catch (NumberFormatException e) {
            throw new DataException("Column " + columnRef + " has schema parameter " + key + "='" + value
                    + "', which is not an integer", e);
        }
    }
}
