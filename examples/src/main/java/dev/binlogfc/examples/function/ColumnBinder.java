package dev.binlogfc.examples.function;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds a Canal column value (text, as the MySQL text protocol shows it) to a statement parameter. Most types are
 * bound as text and converted by the database; binary types carry their bytes as ISO-8859-1 text (the SMT's default
 * {@code binary.encoding}) and BIT columns their value as a decimal number, so those two are bound as what they are.
 */
final class ColumnBinder {
    private static final Set<String> BINARY_TYPES =
            Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");

    private final Map<String, String> mysqlTypes;

    ColumnBinder(Map<String, String> mysqlTypes) {
        this.mysqlTypes = mysqlTypes;
    }

    void bind(PreparedStatement statement, int index, String column, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
            return;
        }
        String type = baseType(mysqlTypes.getOrDefault(column, ""));
        if (BINARY_TYPES.contains(type)) {
            statement.setBytes(index, value.getBytes(StandardCharsets.ISO_8859_1));
        } else if (type.equals("bit")) {
            statement.setBigDecimal(index, new BigDecimal(value));
        } else {
            statement.setString(index, value);
        }
    }

    /** {@code varchar(20)}, {@code int unsigned} or {@code VARCHAR}: the lower-case name before any length or flag. */
    private static String baseType(String mysqlType) {
        String lower = mysqlType.toLowerCase(Locale.ROOT).strip();
        int end = 0;
        while (end < lower.length() && Character.isLetter(lower.charAt(end))) {
            end++;
        }
        return lower.substring(0, end);
    }
}
