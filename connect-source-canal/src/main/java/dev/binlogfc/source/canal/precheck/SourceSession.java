package dev.binlogfc.source.canal.precheck;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;

import dev.binlogfc.source.canal.config.SourceType;
import dev.binlogfc.source.canal.config.TableName;

/**
 * A connection to the source database as the connector makes it (Debezium's driver, SSL and timeout settings), for
 * what the task does outside Debezium: listing the tables and writing into the signal table.
 */
public final class SourceSession implements AutoCloseable {

    private final BinlogConnectorConnection connection;
    private final SourceDatabase database;

    private SourceSession(BinlogConnectorConnection connection) throws SQLException {
        this.connection = connection;
        connection.connect();
        this.database = new SourceDatabase(connection.connection());
    }

    public static SourceSession open(SourceType type, Map<String, String> debeziumProperties) throws SQLException {
        BinlogConnectorConnection connection = SourceConnections.connection(type, debeziumProperties);
        try {
            return new SourceSession(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Every table (not view) the account can see. */
    public List<TableName> tables() throws SQLException {
        return database.tables(database.databases());
    }

    /**
     * Writes a signal row unless one with this id exists already; returns whether it wrote it. A row written before
     * has been (or, from the binlog position in the offsets, will be) read by Debezium, so it is not sent twice.
     */
    public boolean signalOnce(TableName signalTable, String id, String type, String data) throws SQLException {
        return database.update("INSERT IGNORE INTO " + signalTable.quoted() + " VALUES (?, ?, ?)",
                List.of(id, type, data)) > 0;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
