package dev.binlogfc.benchmarks;

import dev.binlogfc.teststack.db.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;

/**
 * A 10-column table every load runs against ({@value #QUALIFIED} unless named otherwise): {@code id} is the key and
 * {@code version} the number of the change that last wrote the row, which is how receivers match what they get to
 * what was committed. Loads over several tables give each table ids of its own (shards {@code id % n == s}, or
 * ranges), so ids stay unique across them.
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

    /** A table of the same columns named {@code table} in database {@value #DATABASE}. */
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
        seed(1, rows);
    }

    /** Inserts rows {@code fromId}..{@code toId} with version 0. */
    void seed(long fromId, long toId) {
        seed(LongStream.rangeClosed(fromId, toId));
    }

    /** Inserts, with version 0, the rows among 1..{@code rows} whose {@code id % shards == shard}. */
    void seed(long rows, int shard, int shards) {
        seed(LongStream.rangeClosed(1, rows).filter(id -> id % shards == shard));
    }

    private void seed(LongStream ids) {
        try (Connection connection = database.openRootConnection(); Statement statement = connection.createStatement()) {
            StringBuilder sql = new StringBuilder();
            int pending = 0;
            for (PrimitiveIterator.OfLong iterator = ids.iterator(); iterator.hasNext(); ) {
                long id = iterator.nextLong();
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
