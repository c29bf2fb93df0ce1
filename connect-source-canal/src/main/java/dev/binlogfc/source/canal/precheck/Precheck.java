package dev.binlogfc.source.canal.precheck;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;
import io.debezium.relational.RelationalTableFilters;
import io.debezium.relational.TableId;

import dev.binlogfc.common.validation.ValidationReport;
import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.SyncTypes;
import dev.binlogfc.source.canal.config.TableName;

/**
 * DTS's precheck for a binlog source: connects as the connector will and reports what would make synchronization
 * fail or lose changes, each problem with the statement that fixes it.
 */
public final class Precheck {

    /** MySQL and MariaDB report a refused login as SQLSTATE 28000 (error 1045). */
    private static final String ACCESS_DENIED_STATE = "28000";
    private static final int ACCESS_DENIED_CODE = 1045;

    private Precheck() {
    }

    public static ValidationReport run(DebeziumSettings settings) {
        ValidationReport report = new ValidationReport();
        CanalSourceConfig config = settings.config();
        Map<String, String> properties = settings.properties();
        try (BinlogConnectorConnection connection = SourceConnections.connection(config.sourceType(), properties)) {
            try {
                connection.connect();
            } catch (SQLException e) {
                reportConnectionFailure(properties, e, report);
                return report;
            }
            SourceDatabase database = new SourceDatabase(connection.connection());
            check(database, settings, report);
        } catch (SQLException e) {
            report.error(DebeziumSettings.HOSTNAME, "The precheck failed with a database error: " + e.getMessage());
        }
        return report;
    }

    private static void check(SourceDatabase database, DebeziumSettings settings, ValidationReport report)
            throws SQLException {
        CanalSourceConfig config = settings.config();
        new ServerChecks(database, config, report).run();

        RelationalTableFilters filters = SourceConnections.connectorConfig(config.sourceType(), settings.properties())
                .getTableFilters();
        Set<String> visibleDatabases = database.databases();
        Set<String> candidateDatabases = new TreeSet<>(visibleDatabases.stream()
                .filter(filters.databaseFilter()).toList());
        List<TableName> selectedTables = database.tables(candidateDatabases).stream()
                .filter(table -> filters.dataCollectionFilter()
                        .isIncluded(new TableId(table.database(), null, table.table())))
                .sorted(Comparator.comparing(TableName::toString))
                .toList();
        // Without a table filter, every database that passes the database filter is synchronized as a whole.
        Set<String> wholeDatabases = settings.properties().containsKey(DebeziumSettings.TABLE_INCLUDE_LIST)
                ? new TreeSet<>(config.databases()) : candidateDatabases;
        Set<String> selectedDatabases = new TreeSet<>(wholeDatabases);
        selectedTables.forEach(table -> selectedDatabases.add(table.database()));

        new PrivilegeChecks(database, config.sourceType(), report).run(wholeDatabases, selectedDatabases, selectedTables);
        ObjectChecks objects = new ObjectChecks(database, config, selectionKey(settings), report);
        objects.checkListedObjectsExist(visibleDatabases);
        objects.checkRowKeys(selectedDatabases, selectedTables);
        objects.checkInvisibleColumns(selectedDatabases, selectedTables);
        if (config.heartbeatTable() != null) {
            checkHeartbeat(database, config.heartbeatTable(), report);
        }
        checkSignalTable(database, config, report);
        // Last: it moves the session into the server's global time zone.
        new DtsOutputChecks(config, settings.properties(), report).run(database);
    }

    /** Runs the connector's heartbeat statement once: that proves the table exists and may be written. */
    private static void checkHeartbeat(SourceDatabase database, TableName table, ValidationReport report)
            throws SQLException {
        try {
            database.execute(DebeziumSettings.heartbeatStatement(table));
        } catch (SQLException e) {
            report.error(CanalSourceConfig.HEARTBEAT_TABLE_CONFIG, "Cannot write the heartbeat into " + table + " ("
                    + e.getMessage() + "): create it with " + DebeziumSettings.heartbeatTableDdl(table)
                    + "; and GRANT INSERT, UPDATE ON " + table.quoted() + " TO " + database.account());
        }
    }

    /**
     * Debezium writes its snapshot window markers into the signal table and the task writes the requests to copy
     * added tables, so the table must exist and take the account's INSERTs. Without one, tables added to a running
     * full-synchronization task cannot be copied: that is worth a warning.
     */
    private static void checkSignalTable(SourceDatabase database, CanalSourceConfig config, ValidationReport report)
            throws SQLException {
        TableName table = config.signalTable();
        if (table == null) {
            if (config.syncTypes() == SyncTypes.FULL_AND_INCREMENTAL) {
                report.warning(CanalSourceConfig.SIGNAL_TABLE_CONFIG + " is not set, so tables added to this task"
                        + " later cannot be copied (the task fails when they are): create one with "
                        + DebeziumSettings.signalTableDdl(new TableName("binlogfc", "debezium_signal"))
                        + " and set " + CanalSourceConfig.SIGNAL_TABLE_CONFIG + "=binlogfc.debezium_signal");
            }
            return;
        }
        String account = database.account();
        String fix = "GRANT INSERT ON " + table.quoted() + " TO " + account;
        if (!database.tables(List.of(table.database())).contains(table)) {
            report.error(CanalSourceConfig.SIGNAL_TABLE_CONFIG, "The signal table " + table + " does not exist or the"
                    + " account cannot see it: create it with " + DebeziumSettings.signalTableDdl(table) + "; and "
                    + fix);
        } else if (!database.grants(account).hasOn("INSERT", table)) {
            report.error(CanalSourceConfig.SIGNAL_TABLE_CONFIG, "Account " + account + " cannot INSERT into the"
                    + " signal table " + table + ", which Debezium writes its snapshot window markers into: " + fix);
        }
    }

    private static void reportConnectionFailure(Map<String, String> properties, SQLException e, ValidationReport report) {
        String user = properties.get(DebeziumSettings.USER);
        if (ACCESS_DENIED_STATE.equals(e.getSQLState()) || e.getErrorCode() == ACCESS_DENIED_CODE) {
            report.error(DebeziumSettings.USER, "Login refused for user '" + user + "' (" + e.getMessage() + "): check"
                    + " database.user and database.password, or create the account: CREATE USER '" + user
                    + "'@'%' IDENTIFIED BY '<password>'; GRANT SELECT, RELOAD, SHOW DATABASES, SHOW VIEW, REPLICATION"
                    + " SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'");
        } else {
            report.error(DebeziumSettings.HOSTNAME, "Cannot connect to " + properties.get(DebeziumSettings.HOSTNAME)
                    + ":" + properties.getOrDefault("database.port", "3306") + " (" + e.getMessage() + "): check"
                    + " database.hostname, database.port, that the server listens there and that no firewall blocks"
                    + " the connection");
        }
    }

    /** Problems with the selected objects are reported on the key the user selected them with. */
    private static String selectionKey(DebeziumSettings settings) {
        CanalSourceConfig config = settings.config();
        if (!config.tables().isEmpty()) {
            return CanalSourceConfig.TABLES_CONFIG;
        }
        if (!config.databases().isEmpty()) {
            return CanalSourceConfig.DATABASES_CONFIG;
        }
        return config.isSet(DebeziumSettings.TABLE_INCLUDE_LIST) ? DebeziumSettings.TABLE_INCLUDE_LIST
                : DebeziumSettings.DATABASE_INCLUDE_LIST;
    }
}
