package dev.binlogfc.benchmarks;

import dev.binlogfc.teststack.db.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A 10-column table every load runs against ({@value #QUALIFIED} unless named otherwise): {@code id} is the key and
 * {@code version} the number of the change that last wrote the row, which is how receivers match what they get to
 * what was committed. Loads over several tables shard the ids: table {@code s} of {@code n} holds the ids with
 * {@code id % n == s}, so ids stay unique across them.
 */
final class BenchTable {

    static final String DATABASE = "bench";
    static final String TABLE = "items";
    static final String QUALIFIED = DATABASE + "." + TABLE;
    private static final int ROWS_PER_INSERT = 2_000;

    private final MariaDbServer database;
    private final String qualified;

    BenchTable(MariaDbServer database) {
        this(database, TABLE);
    }

    BenchTable(MariaDbServer database, String table) {
        this.database = database;
        this.qualified = DATABASE + "." + table;
    }

    /** {@code database.table}, as in SQL and in topic names. */
    String qualified() {
        return qualified;
    }

    void create() {
        database.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE,
                "CREATE TABLE " + qualified + " (id BIGINT NOT NULL PRIMARY KEY, version BIGINT NOT NULL, "
                        + "name VARCHAR(32) NOT NULL, city VARCHAR(32), amount DECIMAL(12,2), quantity INT, "
                        + "score DOUBLE, status TINYINT, created DATETIME(3), note VARCHAR(64))");
    }

    /** Inserts rows 1..{@code rows} with version 0 in multi-row INSERTs, the fastest way short of LOAD DATA. */
    void seed(long rows) {
        seed(rows, 0, 1);
    }

    /** Inserts, with version 0, the rows among 1..{@code rows} whose {@code id % shards == shard}. */
    void seed(long rows, int shard, int shards) {
        try (Connection connection = database.openRootConnection(); Statement statement = connection.createStatement()) {
            StringBuilder sql = new StringBuilder();
            int pending = 0;
            for (long id = 1; id <= rows; id++) {
                if (id % shards != shard) {
                    continue;
                }
                sql.append(pending == 0 ? "INSERT INTO " + qualified + " VALUES " : ",").append('(').append(id)
                        .append(",0,'name-").append(id).append("','city-").append(id % 97).append("',")
                        .append(id % 10_000).append(".25,").append(id % 50).append(',').append(id * 0.5).append(',')
                        .append(id % 3).append(",'2026-01-01 00:00:00.000','seeded')");
                if (++pending == ROWS_PER_INSERT) {
                    statement.execute(sql.toString());
                    sql.setLength(0);
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.execute(sql.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seed " + qualified + ": " + e.getMessage(), e);
        }
    }

    /** The version each row holds now, by id. */
    Map<Long, Long> versions() {
        Map<Long, Long> versions = new HashMap<>();
        database.query("SELECT id, version FROM " + qualified)
                .forEach(row -> versions.put(Long.parseLong(row.get("id")), Long.parseLong(row.get("version"))));
        return versions;
    }

    /** An UPDATE of one row of {@code qualified} to a newer version; parameters: version, note, id, version again. */
    static PreparedStatement prepareUpdate(Connection connection, String qualified) throws SQLException {
        return connection.prepareStatement("UPDATE " + qualified
                + " SET version = ?, quantity = quantity + 1, note = ? WHERE id = ? AND version < ?");
    }
}
