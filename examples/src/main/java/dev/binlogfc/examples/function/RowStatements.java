package dev.binlogfc.examples.function;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The idempotent row statements of the replica: upsert and delete by the record's key columns. */
final class RowStatements {

    private RowStatements() {
    }

    /** Inserts the row, or overwrites the row with the same key: applying it twice leaves one row. */
    static void upsert(Connection connection, ChangeRecord record, Map<String, String> row) throws SQLException {
        List<String> columns = new ArrayList<>(row.keySet());
        String sql = "INSERT INTO " + table(record) + " (" + columns.stream().map(RowStatements::quote).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
                + ") ON DUPLICATE KEY UPDATE " + columns.stream().map(c -> quote(c) + " = VALUES(" + quote(c) + ")")
                .collect(Collectors.joining(", "));
        execute(connection, sql, record, row);
    }

    /** Deletes the row with the key of {@code row}; nothing happens when it is already gone. */
    static void deleteByKey(Connection connection, ChangeRecord record, Map<String, String> row) throws SQLException {
        Map<String, String> key = new LinkedHashMap<>();
        for (String column : record.pkNames()) {
            if (!row.containsKey(column)) {
                throw new IllegalArgumentException(record.database() + "." + record.table() + ": key column '" + column
                        + "' (pkNames) is missing from the row " + row.keySet());
            }
            key.put(column, row.get(column));
        }
        String sql = "DELETE FROM " + table(record) + " WHERE "
                + key.keySet().stream().map(c -> quote(c) + " <=> ?").collect(Collectors.joining(" AND "));
        execute(connection, sql, record, key);
    }

    private static void execute(Connection connection, String sql, ChangeRecord record, Map<String, String> values)
            throws SQLException {
        ColumnBinder binder = new ColumnBinder(record.mysqlType());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Map.Entry<String, String> value : values.entrySet()) {
                binder.bind(statement, index++, value.getKey(), value.getValue());
            }
            statement.executeUpdate();
        }
    }

    private static String table(ChangeRecord record) {
        return quote(record.database()) + "." + quote(record.table());
    }

    /** A MySQL identifier in backquotes, with backquotes inside doubled. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
