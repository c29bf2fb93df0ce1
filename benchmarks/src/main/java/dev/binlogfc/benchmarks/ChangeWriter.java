package dev.binlogfc.benchmarks;

import dev.binlogfc.teststack.db.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * The database's single writer: commits the changes of a {@link ChangeTracker} in transactions of a fixed number of
 * UPDATEs, change {@code v} writing version {@code v} into one row (by default row {@code (v - 1) % rows + 1} of the
 * benchmark table), either as fast as the database takes them or paced to a rate.
 */
final class ChangeWriter {

    private static final long RETRY_PAUSE_MILLIS = 500;

    private final MariaDbServer database;
    private final LongUnaryOperator rowOfVersion;
    private final LongFunction<String> tableOfRow;

    /** Change {@code v} writes row {@code (v - 1) % rows + 1} of {@link BenchTable#QUALIFIED}. */
    ChangeWriter(MariaDbServer database, int rows) {
        this(database, version -> (version - 1) % rows + 1, row -> BenchTable.QUALIFIED);
    }

    /**
     * Change {@code v} writes row {@code id = (v - 1) % rows + 1} of table {@code id % tables.size()} (qualified
     * names, shard 0 first: the {@link BenchTable#seed(long, int, int)} sharding).
     */
    ChangeWriter(MariaDbServer database, int rows, List<String> tables) {
        this(database, version -> (version - 1) % rows + 1, id -> tables.get((int) (id % tables.size())));
    }

    /** Change {@code v} writes row {@code rowOfVersion(v)}, which lives in table {@code tableOfRow(row)}. */
    ChangeWriter(MariaDbServer database, LongUnaryOperator rowOfVersion, LongFunction<String> tableOfRow) {
        this.database = database;
        this.rowOfVersion = rowOfVersion;
        this.tableOfRow = tableOfRow;
    }

    /**
     * Commits every change of {@code tracker}; with {@code changesPerSecond > 0} transaction {@code t} starts no
     * earlier than {@code t * txRows / changesPerSecond} seconds after the first, catching up when late. A
     * transaction that fails is retried on a new connection until {@code retryFor} has passed since its first
     * failure (for a database restart); its UPDATEs only apply to rows holding an older version, so a retry of a
     * transaction that did commit changes nothing.
     *
     * @return the elapsed nanoseconds
     */
    long write(ChangeTracker tracker, int txRows, int changesPerSecond, Duration retryFor) throws InterruptedException {
        return write(tracker, txRows, changesPerSecond, retryFor, () -> false);
    }

    /**
     * As {@link #write(ChangeTracker, int, int, Duration)}, but stops before the next transaction once {@code stop}
     * is true, and then {@link ChangeTracker#truncate truncates} the tracker to the changes committed.
     */
    long write(ChangeTracker tracker, int txRows, int changesPerSecond, Duration retryFor, BooleanSupplier stop)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = tracker.first() + tracker.count();
        long from = tracker.first();
        Connection connection = null;
        try {
            for (; from < end && !stop.getAsBoolean(); from += txRows) {
                if (changesPerSecond > 0) {
                    long due = start + TimeUnit.SECONDS.toNanos(from - tracker.first()) / changesPerSecond;
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                int n = (int) Math.min(txRows, end - from);
                long retryDeadline = 0;
                while (true) {
                    try {
                        if (connection == null) {
                            connection = database.openRootConnection();
                            connection.setAutoCommit(false);
                        }
                        commit(connection, from, n);
                        break;
                    } catch (SQLException e) {
                        closeQuietly(connection);
                        connection = null;
                        retryDeadline = retryDeadline == 0 ? System.nanoTime() + retryFor.toNanos() : retryDeadline;
                        if (System.nanoTime() - retryDeadline >= 0) {
                            throw new IllegalStateException("The writer failed at change " + from + ": " + e.getMessage(), e);
                        }
                        Thread.sleep(RETRY_PAUSE_MILLIS);
                    }
                }
                tracker.committed(from, n, System.currentTimeMillis());
            }
        } finally {
            closeQuietly(connection);
        }
        if (from < end) {
            tracker.truncate((int) (from - tracker.first()));
        }
        return System.nanoTime() - start;
    }

    /** One UPDATE batch per table the changes touch: a row's changes stay in version order within its batch. */
    private void commit(Connection connection, long from, int n) throws SQLException {
        Map<String, PreparedStatement> updates = new LinkedHashMap<>();
        try {
            for (long version = from; version < from + n; version++) {
                long row = rowOfVersion.applyAsLong(version);
                String table = tableOfRow.apply(row);
                PreparedStatement update = updates.get(table);
                if (update == null) {
                    update = BenchTable.prepareUpdate(connection, table);
                    updates.put(table, update);
                }
                update.setLong(1, version);
                update.setString(2, "change-" + version);
                update.setLong(3, row);
                update.setLong(4, version);
                update.addBatch();
            }
            for (PreparedStatement update : updates.values()) {
                update.executeBatch();
            }
            connection.commit();
        } finally {
            for (PreparedStatement update : updates.values()) {
                update.close();
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The connection is being abandoned because it failed; a failure to close it adds nothing.
            }
        }
    }
}
