package dev.binlogfc.source.canal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.debezium.relational.history.SchemaHistory;

/**
 * The Debezium connector settings a Canal source configuration stands for: the user's settings with the Debezium
 * keys that the DTS-style keys imply added, plus what the Canal SMT needs.
 *
 * <p>A Debezium key is decided either by its DTS-style key or directly, never both: a user who sets both gets a
 * problem reported on the Debezium key rather than one silently winning. A Debezium key set without its DTS-style key
 * passes through unchanged.
 */
public final class DebeziumSettings {

    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String DATABASE_INCLUDE_LIST = "database.include.list";
    public static final String DATABASE_EXCLUDE_LIST = "database.exclude.list";
    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    public static final String SKIPPED_OPERATIONS = "skipped.operations";
    public static final String INCLUDE_SCHEMA_CHANGES = "include.schema.changes";
    public static final String SSL_MODE = "database.ssl.mode";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String HEARTBEAT_ACTION_QUERY = "heartbeat.action.query";
    public static final String HOSTNAME = "database.hostname";
    public static final String USER = "database.user";
    public static final String SIGNAL_DATA_COLLECTION = "signal.data.collection";

    /** Debezium's key for the statements its schema history ignores, so that they never become schema changes. */
    public static final String DDL_FILTER = SchemaHistory.DDL_FILTER.name();

    /** Debezium skips TRUNCATE by default; DTS delivers it as DDL, which the Canal SMT makes of Debezium's op t. */
    private static final String TRUNCATE_OPERATION = "t";
    private static final String NO_OPERATION = "none";
    /**
     * Debezium's default DDL filter without the entry that drops CREATE/ALTER/DROP of views, procedures, functions
     * and triggers: DTS delivers those as DDL. Derived from Debezium's own default, so that its other entries
     * (server-generated statements, managed-database housekeeping) keep following Debezium's releases.
     */
    private static final String DDL_FILTER_KEEPING_ROUTINES = Arrays.stream(
                    SchemaHistory.DDL_FILTER.defaultValueAsString().split(","))
            .filter(regex -> !regex.contains("(VIEW|FUNCTION|PROCEDURE|TRIGGER)"))
            .collect(Collectors.joining(","));
    private static final String DEFAULT_HEARTBEAT_INTERVAL_MS = "10000";
    /**
     * What the Canal SMT needs from Debezium: column types for sqlType/mysqlType, exact unsigned BIGINT text; dates as
     * stored (the time adjuster would read years 0-69 as 2000-2069, and the driver would read YEAR as a date, which
     * fails the full copy on YEAR 0000); and no context headers (connector, task, run id), four strings per record
     * that Canal records do not carry and that every converter and consumer would handle.
     */
    private static final Map<String, String> CANAL_DEFAULTS = Map.of(
            "column.propagate.source.type", ".*",
            "bigint.unsigned.handling.mode", "precise",
            "enable.time.adjuster", "false",
            "driver.yearIsDateType", "false",
            "extended.headers.enabled", "false");

    private final CanalSourceConfig config;
    private final Map<String, String> properties;
    private final Map<String, String> problems = new LinkedHashMap<>();

    private DebeziumSettings(CanalSourceConfig config, Map<String, String> userProperties) {
        this.config = config;
        this.properties = new LinkedHashMap<>(userProperties);
        CANAL_DEFAULTS.forEach(properties::putIfAbsent);
        decide(config.isSet(CanalSourceConfig.SYNC_TYPES_CONFIG), CanalSourceConfig.SYNC_TYPES_CONFIG, SNAPSHOT_MODE,
                config.syncTypes().snapshotMode());
        selectObjects();
        selectOperations();
        if (config.isSet(CanalSourceConfig.ENCRYPTION_CONFIG)) {
            decide(true, CanalSourceConfig.ENCRYPTION_CONFIG, SSL_MODE, config.sourceType().sslMode(config.encrypted()));
        }
        if (config.heartbeatTable() != null) {
            addHeartbeat(config.heartbeatTable());
        }
        if (config.signalTable() != null) {
            decide(true, CanalSourceConfig.SIGNAL_TABLE_CONFIG, SIGNAL_DATA_COLLECTION, config.signalTable().toString());
        }
    }

    /**
     * Derives the Debezium settings.
     *
     * @throws org.apache.kafka.common.config.ConfigException if a DTS-style setting itself is invalid
     */
    public static DebeziumSettings derive(Map<String, String> userProperties) {
        return new DebeziumSettings(new CanalSourceConfig(userProperties), userProperties);
    }

    public CanalSourceConfig config() {
        return config;
    }

    /** The settings for the Debezium connector and its task. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Inconsistent settings, as config key to what is wrong and how to fix it. */
    public Map<String, String> problems() {
        return problems;
    }

    /** The statement the connector runs every heartbeat interval, for the precheck to try it. */
    public static String heartbeatStatement(TableName table) {
        return "INSERT INTO " + table.quoted() + " (id, ts) VALUES (1, NOW(3)) ON DUPLICATE KEY UPDATE ts = NOW(3)";
    }

    /** The statements that create the heartbeat table. */
    public static String heartbeatTableDdl(TableName table) {
        return "CREATE DATABASE IF NOT EXISTS " + TableName.quote(table.database()) + "; CREATE TABLE IF NOT EXISTS "
                + table.quoted() + " (id INT PRIMARY KEY, ts DATETIME(3) NOT NULL)";
    }

    /**
     * The statements that create the signal table: Debezium's layout (id, type, data), with an id long enough for the
     * ids of its own snapshot window markers.
     */
    public static String signalTableDdl(TableName table) {
        return "CREATE DATABASE IF NOT EXISTS " + TableName.quote(table.database()) + "; CREATE TABLE IF NOT EXISTS "
                + table.quoted() + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data VARCHAR(2048) NULL)";
    }

    private void selectObjects() {
        List<String> databases = config.databases();
        List<TableName> tables = config.tables();
        if (databases.isEmpty() && tables.isEmpty()) {
            if (!properties.containsKey(DATABASE_INCLUDE_LIST) && !properties.containsKey(TABLE_INCLUDE_LIST)) {
                problems.put(CanalSourceConfig.DATABASES_CONFIG, "No objects selected: set databases (e.g. shop) to"
                        + " synchronize whole databases, or tables (e.g. shop.orders) to synchronize single tables");
            }
            return;
        }
        String keys = CanalSourceConfig.DATABASES_CONFIG + "/" + CanalSourceConfig.TABLES_CONFIG;
        Set<String> includedDatabases = new LinkedHashSet<>(databases);
        tables.forEach(table -> includedDatabases.add(table.database()));
        decide(true, keys, DATABASE_INCLUDE_LIST,
                includedDatabases.stream().map(Pattern::quote).collect(Collectors.joining(",")));
        if (tables.isEmpty()) {
            if (properties.containsKey(TABLE_INCLUDE_LIST)) {
                conflict(keys, TABLE_INCLUDE_LIST);
            }
            return;
        }
        List<String> tableRegexes = new ArrayList<>();
        databases.forEach(database -> tableRegexes.add(Pattern.quote(database) + "\\..*"));
        tables.forEach(table -> tableRegexes.add(table.regex()));
        decide(true, keys, TABLE_INCLUDE_LIST, String.join(",", tableRegexes));
    }

    private void selectOperations() {
        List<SyncOperation> operations = config.operations();
        boolean chosen = config.isSet(CanalSourceConfig.OPERATIONS_CONFIG);
        boolean ddl = operations.contains(SyncOperation.DDL);
        List<String> skipped = new ArrayList<>();
        if (!ddl) {
            skipped.add(TRUNCATE_OPERATION);
        }
        Arrays.stream(SyncOperation.values())
                .filter(operation -> !operations.contains(operation))
                .forEach(operation -> operation.debeziumOperation().ifPresent(skipped::add));
        decide(chosen, CanalSourceConfig.OPERATIONS_CONFIG, SKIPPED_OPERATIONS,
                skipped.isEmpty() ? NO_OPERATION : String.join(",", skipped));
        decide(chosen, CanalSourceConfig.OPERATIONS_CONFIG, INCLUDE_SCHEMA_CHANGES, Boolean.toString(ddl));
        if (ddl) {
            properties.putIfAbsent(DDL_FILTER, DDL_FILTER_KEEPING_ROUTINES);
        }
    }

    private void addHeartbeat(TableName table) {
        decide(true, CanalSourceConfig.HEARTBEAT_TABLE_CONFIG, HEARTBEAT_ACTION_QUERY, heartbeatStatement(table));
        properties.putIfAbsent(HEARTBEAT_INTERVAL_MS, DEFAULT_HEARTBEAT_INTERVAL_MS);
        String includedTables = properties.get(TABLE_INCLUDE_LIST);
        if (includedTables == null) {
            // Debezium rejects an exclude list next to an include list, so the heartbeat table is excluded only here.
            String excluded = properties.get(TABLE_EXCLUDE_LIST);
            properties.put(TABLE_EXCLUDE_LIST, excluded == null || excluded.isBlank()
                    ? table.regex() : excluded + "," + table.regex());
        } else if (matchesAny(includedTables, table.toString())) {
            problems.merge(CanalSourceConfig.HEARTBEAT_TABLE_CONFIG, "The heartbeat table " + table + " is among"
                    + " the selected tables, so its heartbeats would reach the function: use a table in a database"
                    + " that is not selected, e.g. binlogfc_heartbeat.heartbeat", DebeziumSettings::joinMessages);
        }
    }

    /** Debezium's include lists are comma-separated regular expressions matched case-insensitively. */
    private static boolean matchesAny(String regexList, String name) {
        return Arrays.stream(regexList.split(","))
                .map(String::trim)
                .filter(regex -> !regex.isEmpty())
                .anyMatch(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(name).matches());
    }

    private void decide(boolean dtsKeyChosen, String dtsKeys, String debeziumKey, String value) {
        if (!properties.containsKey(debeziumKey)) {
            properties.put(debeziumKey, value);
        } else if (dtsKeyChosen) {
            conflict(dtsKeys, debeziumKey);
        }
    }

    private void conflict(String dtsKeys, String debeziumKey) {
        problems.merge(debeziumKey, debeziumKey + " is decided by " + dtsKeys + ", which is set too: remove "
                + debeziumKey + ", or remove " + dtsKeys + " to use Debezium's setting directly",
                DebeziumSettings::joinMessages);
    }

    private static String joinMessages(String first, String second) {
        return first + "; " + second;
    }
}
