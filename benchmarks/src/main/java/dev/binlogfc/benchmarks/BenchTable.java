package dev.binlogfc.benchmarks;

import dev.binlogfc.teststack.db.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The 10-column table every load runs against: {@code id} is the key and {@code version} the number of the change
 * that last wrote the row, which is how receivers match what they get to what was committed.
 */
final class BenchTable {

    static final String DATABASE = "bench";
    static final String TABLE = "items";
    static final String QUALIFIED = DATABASE + "." + TABLE;
    private static final int ROWS_PER_INSERT = 2_000;

    private final MariaDbServer database;
    private final String qualified;

    BenchTable(MariaDbServer database) {
        this(database, QUALIFIED);
    }

    /** A table of the same columns named {@code qualified} (database.table) in database {@value #DATABASE}. */
    BenchTable(MariaDbServer database, String qualified) {
        this.database = database;
        this.qualified = qualified;
    }

    void create() {
        database.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE,
                "CREATE TABLE " + qualified + " (id BIGINT NOT NULL PRIMARY KEY, version BIGINT NOT NULL, "
                        + "name VARCHAR(32) NOT NULL, city VARCHAR(32), amount DECIMAL(12,2), quantity INT, "
                        + "score DOUBLE, status TINYINT, created DATETIME(3), note VARCHAR(64))");
    }

    /** Inserts rows 1..{@code rows} with version 0 in multi-row INSERTs, the fastest way short of LOAD DATA. */
    void seed(long rows) {
        seed(1, rows);
    }

    /** Inserts rows {@code fromId}..{@code toId} with version 0, as {@link #seed(long)} does. */
    void seed(long fromId, long toId) {
        try (Connection connection = database.openRootConnection(); Statement statement = connection.createStatement()) {
            for (long first = fromId; first <= toId; first += ROWS_PER_INSERT) {
                long last = Math.min(toId, first + ROWS_PER_INSERT - 1);
                StringBuilder sql = new StringBuilder("INSERT INTO " + qualified + " VALUES ");
                for (long id = first; id <= last; id++) {
                    sql.append(id == first ? "" : ",").append('(').append(id).append(",0,'name-").append(id)
                            .append("','city-").append(id % 97).append("',").append(id % 10_000).append(".25,")
                            .append(id % 50).append(',').append(id * 0.5).append(',').append(id % 3)
                            .append(",'2026-01-01 00:00:00.000','seeded')");
                }
                statement.execute(sql.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seed " + qualified + ": " + e.getMessage(), e);
        }
    }

    /** An UPDATE of one row of {@code table} to a newer version; parameters: version, note, id, version again. */
    static PreparedStatement prepareUpdate(Connection connection, String table) throws SQLException {
        return connection.prepareStatement("UPDATE " + table
                + " SET version = ?, quantity = quantity + 1, note = ? WHERE id = ? AND version < ?");
    }
}
