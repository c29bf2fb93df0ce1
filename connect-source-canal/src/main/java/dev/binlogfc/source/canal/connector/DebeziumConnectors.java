package dev.binlogfc.source.canal.connector;

import java.util.Map;

import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceTask;

import io.debezium.connector.mariadb.MariaDbConnector;
import io.debezium.connector.mariadb.MariaDbConnectorTask;
import io.debezium.connector.mysql.MySqlConnector;
import io.debezium.connector.mysql.MySqlConnectorTask;

import dev.binlogfc.source.canal.config.SourceType;

/** The Debezium connector and task that read a source of the given type. */
final class DebeziumConnectors {

    private DebeziumConnectors() {
    }

    static SourceConnector connector(SourceType type) {
        return switch (type) {
            case MYSQL -> new MySqlConnector();
            case MARIADB -> new MariaDbConnector();
        };
    }

    /** The source partition of every record the MySQL and MariaDB connectors write: their topic prefix. */
    static Map<String, String> sourcePartition(Map<String, String> debeziumProperties) {
        return Map.of("server", debeziumProperties.get("topic.prefix"));
    }

    static SourceTask task(SourceType type) {
        return switch (type) {
            case MYSQL -> new MySqlConnectorTask();
            case MARIADB -> new MariaDbConnectorTask();
        };
    }
}
