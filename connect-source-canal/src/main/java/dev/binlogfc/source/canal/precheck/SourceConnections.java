package dev.binlogfc.source.canal.precheck;

import java.util.Map;

import io.debezium.config.Configuration;
import io.debezium.connector.binlog.BinlogConnectorConfig;
import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;
import io.debezium.connector.mariadb.MariaDbConnectorConfig;
import io.debezium.connector.mariadb.jdbc.MariaDbConnection;
import io.debezium.connector.mariadb.jdbc.MariaDbConnectionConfiguration;
import io.debezium.connector.mariadb.jdbc.MariaDbFieldReader;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.connector.mysql.jdbc.MySqlConnection;
import io.debezium.connector.mysql.jdbc.MySqlConnectionConfiguration;
import io.debezium.connector.mysql.jdbc.MySqlFieldReaderResolver;

import dev.binlogfc.source.canal.config.SourceType;

/**
 * Debezium's own view of the source: its connection (same driver, SSL and timeout settings as the connector) and its
 * table filters, so that the precheck examines exactly what the connector will read.
 */
final class SourceConnections {

    private SourceConnections() {
    }

    static BinlogConnectorConfig connectorConfig(SourceType type, Map<String, String> debeziumProperties) {
        Configuration configuration = Configuration.from(debeziumProperties);
        return switch (type) {
            case MYSQL -> new MySqlConnectorConfig(configuration);
            case MARIADB -> new MariaDbConnectorConfig(configuration);
        };
    }

    /** A connection that is not yet open; the caller closes it. */
    static BinlogConnectorConnection connection(SourceType type, Map<String, String> debeziumProperties) {
        Configuration configuration = Configuration.from(debeziumProperties);
        return switch (type) {
            case MYSQL -> new MySqlConnection(new MySqlConnectionConfiguration(configuration),
                    MySqlFieldReaderResolver.resolve(new MySqlConnectorConfig(configuration)));
            case MARIADB -> new MariaDbConnection(new MariaDbConnectionConfiguration(configuration),
                    new MariaDbFieldReader(new MariaDbConnectorConfig(configuration)));
        };
    }
}
