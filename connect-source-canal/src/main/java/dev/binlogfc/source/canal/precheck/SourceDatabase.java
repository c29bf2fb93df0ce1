package dev.binlogfc.source.canal.precheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import dev.binlogfc.source.canal.config.SourceType;
import dev.binlogfc.source.canal.config.TableName;

/**
 * The queries the precheck (and {@link SourceServerDefaults}) run on the source database, over one JDBC connection
 * it does not own.
 */
final class SourceDatabase {

    /** What a privilege applies to: the whole server, a database or a table. */
    record Grants(Set<String> global, Map<String, Set<String>> byDatabase, Map<TableName, Set<String>> byTable) {

        boolean has(String privilege) {
            return global.contains(privilege);
        }

        boolean hasOn(String privilege, TableName table) {
            return global.contains(privilege)
                    || byDatabase.getOrDefault(table.database(), Set.of()).contains(privilege)
                    || byTable.getOrDefault(table, Set.of()).contains(privilege);
        }

        boolean hasOnDatabase(String privilege, String database) {
            return global.contains(privilege) || byDatabase.getOrDefault(database, Set.of()).contains(privilege);
        }
    }

    private final Connection connection;

    SourceDatabase(Connection connection) {
        this.connection = connection;
    }

    /** Global system variables by lower-case name; names the server does not know are absent. */
    Map<String, String> globalVariables(Collection<String> names) throws SQLException {
        String list = String.join(",", names.stream().map(name -> "'" + name + "'").toList());
        Map<String, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" + list + ")")) {
            while (rows.next()) {
                values.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
            }
        }
        return values;
    }

    /** The values of SQL expressions in this session, e.g. {@code @@server_id}, in the order given. */
    List<String> sessionValues(String... expressions) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + String.join(", ", expressions))) {
            rows.next();
            List<String> values = new ArrayList<>(expressions.length);
            for (int column = 1; column <= expressions.length; column++) {
                values.add(rows.getString(column));
            }
            return values;
        }
    }

    /** The account the server matched the login to, as {@code 'user'@'host'}. */
    String account() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CURRENT_USER()")) {
            rows.next();
            String user = rows.getString(1);
            int at = user.lastIndexOf('@');
            return "'" + user.substring(0, at) + "'@'" + user.substring(at + 1) + "'";
        }
    }

    /**
     * The account's privileges as information_schema lists them (MariaDB names REPLICATION CLIENT
     * {@code BINLOG MONITOR}). Privileges that come through roles are not listed there.
     */
    Grants grants(String account) throws SQLException {
        Set<String> global = new HashSet<>();
        Map<String, Set<String>> byDatabase = new HashMap<>();
        Map<TableName, Set<String>> byTable = new HashMap<>();
        forEachRow("SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?", List.of(account),
                rows -> global.add(rows.getString(1)));
        forEachRow("SELECT TABLE_SCHEMA, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ?",
                List.of(account),
                rows -> byDatabase.computeIfAbsent(rows.getString(1), key -> new HashSet<>()).add(rows.getString(2)));
        forEachRow("SELECT TABLE_SCHEMA, TABLE_NAME, PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES"
                        + " WHERE GRANTEE = ?", List.of(account),
                rows -> byTable.computeIfAbsent(new TableName(rows.getString(1), rows.getString(2)),
                        key -> new HashSet<>()).add(rows.getString(3)));
        return new Grants(global, byDatabase, byTable);
    }

    /**
     * Whether the server replicates from another one (a replica, or one side of a dual-primary pair). MariaDB's
     * SHOW REPLICA STATUS needs SLAVE MONITOR, beyond what the connector needs, so MariaDB is asked for its running
     * replication threads instead; MySQL's needs REPLICATION CLIENT, which the connector needs anyway.
     */
    boolean isReplica(SourceType type) throws SQLException {
        if (type == SourceType.MARIADB) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Slaves_running'")) {
                return rows.next() && Integer.parseInt(rows.getString(2).trim()) > 0;
            }
        }
        try {
            return hasRows("SHOW REPLICA STATUS");
        } catch (SQLException e) {
            // MySQL before 8.0.22 only knows the old name.
            return hasRows("SHOW SLAVE STATUS");
        }
    }

    /** The databases the account can see. */
    Set<String> databases() throws SQLException {
        Set<String> databases = new HashSet<>();
        forEachRow("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA", List.of(), rows -> databases.add(rows.getString(1)));
        return databases;
    }

    /** The tables (not views) of the databases that the account can see. */
    List<TableName> tables(Collection<String> databases) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        forEachRow("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE IN ('BASE TABLE',"
                        + " 'SYSTEM VERSIONED') AND TABLE_SCHEMA IN (" + placeholders(databases) + ")",
                List.copyOf(databases), rows -> tables.add(new TableName(rows.getString(1), rows.getString(2))));
        return tables;
    }

    /** information_schema's row estimate of {@code table} (TABLE_ROWS: InnoDB's is approximate); empty if none. */
    OptionalLong estimatedRows(TableName table) throws SQLException {
        List<Long> estimates = new ArrayList<>();
        forEachRow("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                        + " AND TABLE_ROWS IS NOT NULL", List.of(table.database(), table.table()),
                rows -> estimates.add(rows.getLong(1)));
        return estimates.isEmpty() ? OptionalLong.empty() : OptionalLong.of(estimates.get(0));
    }

    /** The tables that have a primary key or a unique key whose columns are all NOT NULL. */
    Set<TableName> tablesWithRowKey(Collection<String> databases) throws SQLException {
        // Per table and unique index: whether any of the index's columns allows NULL.
        Map<TableName, Map<String, Boolean>> nullableByIndex = new HashMap<>();
        forEachRow("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NULLABLE FROM information_schema.STATISTICS"
                        + " WHERE NON_UNIQUE = 0 AND TABLE_SCHEMA IN (" + placeholders(databases) + ")",
                List.copyOf(databases),
                rows -> nullableByIndex
                        .computeIfAbsent(new TableName(rows.getString(1), rows.getString(2)), key -> new HashMap<>())
                        .merge(rows.getString(3), "YES".equalsIgnoreCase(rows.getString(4)), Boolean::logicalOr));
        Set<TableName> keyed = new HashSet<>();
        nullableByIndex.forEach((table, indexes) -> {
            if (indexes.containsValue(false)) {
                keyed.add(table);
            }
        });
        return keyed;
    }

    /** Invisible columns (MySQL 8.0.23+, MariaDB 10.3+), including MySQL's generated invisible primary keys. */
    Map<TableName, List<String>> invisibleColumns(Collection<String> databases) throws SQLException {
        Map<TableName, List<String>> columns = new LinkedHashMap<>();
        forEachRow("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
                        + " WHERE EXTRA LIKE '%INVISIBLE%' AND TABLE_SCHEMA IN (" + placeholders(databases) + ")"
                        + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION",
                List.copyOf(databases),
                rows -> columns.computeIfAbsent(new TableName(rows.getString(1), rows.getString(2)),
                        key -> new ArrayList<>()).add(rows.getString(3)));
        return columns;
    }

    /** The table's {@code SHOW CREATE TABLE} statement. */
    String createTableStatement(TableName table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW CREATE TABLE " + table.quoted())) {
            rows.next();
            return rows.getString(2);
        }
    }

    /** Runs a statement with {@code ?} parameters; returns the number of rows it changed. */
    int update(String sql, List<String> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            return statement.executeUpdate();
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private boolean hasRows(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next();
        }
    }

    private interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    private void forEachRow(String sql, List<String> parameters, RowConsumer consumer) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(rows);
                }
            }
        }
    }

    /** {@code ?, ?, ?} for the values; an IN list needs at least one element, so none gives a never-matching NULL. */
    private static String placeholders(Collection<String> values) {
        return values.isEmpty() ? "NULL" : String.join(", ", values.stream().map(value -> "?").toList());
    }
}
