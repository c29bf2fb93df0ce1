package dev.binlogfc.source.canal.precheck;

import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalLong;

import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;

import dev.binlogfc.source.canal.config.SourceType;
import dev.binlogfc.source.canal.config.TableName;

/** Row estimates from the source's information_schema, over a connection made as the connector makes its own. */
public final class TableRowEstimates {

    private final SourceType type;
    private final Map<String, String> debeziumProperties;

    public TableRowEstimates(SourceType type, Map<String, String> debeziumProperties) {
        this.type = type;
        this.debeziumProperties = debeziumProperties;
    }

    /** Connects, reads the estimate of {@code table} and disconnects; empty when the server has none. */
    public OptionalLong estimate(TableName table) throws SQLException {
        try (BinlogConnectorConnection connection = SourceConnections.connection(type, debeziumProperties)) {
            connection.connect();
            return new SourceDatabase(connection.connection()).estimatedRows(table);
        }
    }
}
