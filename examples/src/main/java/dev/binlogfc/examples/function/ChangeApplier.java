package dev.binlogfc.examples.function;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies Canal records to a target MySQL/MariaDB so that applying a record again changes nothing (the sink
 * delivers at least once): INIT, INSERT and UPDATE upsert the row by its key ({@code pkNames}), an UPDATE that
 * changed the key first deletes the row under the old key, DELETE deletes by key, and DDL runs {@code sql} in the
 * record's database, where errors that mean "already done" (table exists, unknown column to drop, ...) are skipped.
 */
public final class ChangeApplier {
    /**
     * MySQL/MariaDB errors a schema change raises when it was applied before: database or table exists (1007,
     * 1050), unknown database or table to drop (1008, 1051), duplicate column or key (1060, 1061), column or key to
     * drop does not exist (1091).
     */
    private static final Set<Integer> ALREADY_APPLIED_DDL_ERRORS = Set.of(1007, 1008, 1050, 1051, 1060, 1061, 1091);

    /** Applies one record on {@code connection}. */
    public void apply(Connection connection, ChangeRecord record) throws SQLException {
        switch (record.type()) {
            case INIT, INSERT -> RowStatements.upsert(connection, record, requireKey(record).data());
            case UPDATE -> update(connection, requireKey(record));
            case DELETE -> RowStatements.deleteByKey(connection, requireKey(record), record.data());
            case DDL -> ddl(connection, record);
        }
    }

    private static void update(Connection connection, ChangeRecord record) throws SQLException {
        if (record.old() != null && keyChanged(record)) {
            RowStatements.deleteByKey(connection, record, keyOfOld(record));
        }
        RowStatements.upsert(connection, record, record.data());
    }

    /** DTS sends the whole old row, Canal only the changed columns: a key column absent from old did not change. */
    private static boolean keyChanged(ChangeRecord record) {
        return record.pkNames().stream().anyMatch(column -> record.old().containsKey(column)
                && !Objects.equals(record.old().get(column), record.data().get(column)));
    }

    private static Map<String, String> keyOfOld(ChangeRecord record) {
        Map<String, String> key = new LinkedHashMap<>();
        for (String column : record.pkNames()) {
            key.put(column, record.old().containsKey(column) ? record.old().get(column) : record.data().get(column));
        }
        return key;
    }

    private static void ddl(Connection connection, ChangeRecord record) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!record.database().isEmpty()) {
                // The first DDL of a database the replica has not seen yet (the source's CREATE DATABASE may have
                // gone to the schema change topic, which the sink does not read).
                statement.execute("CREATE DATABASE IF NOT EXISTS " + RowStatements.quote(record.database()));
                statement.execute("USE " + RowStatements.quote(record.database()));
            }
            statement.execute(record.sql());
        } catch (SQLException e) {
            if (!ALREADY_APPLIED_DDL_ERRORS.contains(e.getErrorCode())) {
                throw new SQLException("DDL on " + record.database() + " failed: " + record.sql() + ": " + e.getMessage(),
                        e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }

    private static ChangeRecord requireKey(ChangeRecord record) {
        if (record.pkNames().isEmpty()) {
            throw new IllegalArgumentException(record.database() + "." + record.table() + " has no primary key (pkNames "
                    + "is empty): the example replica applies changes by key only; add a primary key to the source "
                    + "table or leave it out of the source connector's table list");
        }
        return record;
    }
}
