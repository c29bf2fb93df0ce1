package dev.binlogfc.source.canal.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.common.config.Recommenders;
import dev.binlogfc.source.canal.transform.CanalJsonTransform;
import dev.binlogfc.source.canal.transform.CanalJsonTransformConfig;

/**
 * The DTS-style settings of the Canal source connector. Every other setting is Debezium's own and passes through to
 * the Debezium MySQL or MariaDB connector unchanged; {@link DebeziumSettings} derives the Debezium settings these
 * imply.
 */
public final class CanalSourceConfig extends AbstractConfig {

    public static final String SOURCE_TYPE_CONFIG = "source.type";
    public static final String SYNC_TYPES_CONFIG = "sync.types";
    public static final String DATABASES_CONFIG = "databases";
    public static final String TABLES_CONFIG = "tables";
    public static final String OPERATIONS_CONFIG = "sync.operations";
    public static final String HEARTBEAT_TABLE_CONFIG = "heartbeat.table";
    public static final String SIGNAL_TABLE_CONFIG = "signal.table";
    public static final String ENCRYPTION_CONFIG = "source.encryption";
    public static final String RETENTION_ERROR_HOURS_CONFIG = "precheck.binlog.retention.error.hours";
    public static final String RETENTION_WARNING_HOURS_CONFIG = "precheck.binlog.retention.warning.hours";
    public static final String RETRY_CONNECTION_MINUTES_CONFIG = "retry.connection.minutes";
    public static final String THROTTLE_INIT_ROWS_CONFIG = "throttle.init.rows.per.second";
    /** Prefix of the Canal SMT's own settings, e.g. {@code canal.timestamp.zone}. */
    public static final String CANAL_PREFIX = "canal.";

    /** DTS's limit on the tables one task lists by name. */
    public static final int MAX_LISTED_TABLES = 1000;

    private static final EnumChoice<SourceType> SOURCE_TYPES = EnumChoice.of(SourceType.class);
    private static final EnumChoice<SyncType> SYNC_TYPES = EnumChoice.of(SyncType.class);
    private static final EnumChoice<SyncOperation> OPERATIONS = EnumChoice.of(SyncOperation.class);
    private static final EnumChoice<SourceEncryption> ENCRYPTIONS = EnumChoice.of(SourceEncryption.class);
    private static final String DATABASE_GROUP = "Source database";
    private static final String FULL_COPY_GROUP = "Full copy";
    private static final String OBJECTS_GROUP = "Object selection";
    private static final String PRECHECK_GROUP = "Precheck";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SOURCE_TYPE_CONFIG, Type.STRING, SourceType.MYSQL.value(), SOURCE_TYPES.validator(),
                    Importance.HIGH,
                    "The source database: mysql runs Debezium's MySQL connector, mariadb its MariaDB connector.",
                    DATABASE_GROUP, 1, Width.SHORT, "Source type", List.of(), SOURCE_TYPES.recommender())
            .define(SYNC_TYPES_CONFIG, Type.LIST, SyncTypes.INCREMENTAL.configValue(), new SyncTypesValidator(),
                    Importance.HIGH,
                    "What to synchronize: 'incremental' delivers the changes made from now on (DTS's default);"
                            + " 'full,incremental' first copies the existing rows as INIT records; a restart always"
                            + " resumes from the committed offsets and never copies again.",
                    FULL_COPY_GROUP, 1, Width.SHORT, "Synchronization types", List.of(THROTTLE_INIT_ROWS_CONFIG),
                    SYNC_TYPES.recommender())
            .define(DATABASES_CONFIG, Type.LIST, "", new NameListValidator(false), Importance.HIGH,
                    "Databases synchronized as a whole, including tables created later.",
                    OBJECTS_GROUP, 1, Width.LONG, "Databases")
            .define(TABLES_CONFIG, Type.LIST, "", new NameListValidator(true), Importance.HIGH,
                    "Tables synchronized, each as database.table; at most " + MAX_LISTED_TABLES
                            + " (select the database instead, or split the task, beyond that).",
                    OBJECTS_GROUP, 2, Width.LONG, "Tables")
            .define(OPERATIONS_CONFIG, Type.LIST, String.join(",", OPERATIONS.values()),
                    OPERATIONS.nonEmptyListValidator(),
                    Importance.MEDIUM,
                    "The kinds of change delivered: any of insert, update, delete (row changes) and ddl (schema"
                            + " changes); the others are skipped at the source.",
                    OBJECTS_GROUP, 3, Width.MEDIUM, "Operations", List.of(), OPERATIONS.recommender())
            .define(HEARTBEAT_TABLE_CONFIG, Type.STRING, "", new OptionalTableValidator(), Importance.MEDIUM,
                    "A database.table the connector writes a heartbeat row into every heartbeat.interval.ms (10 s"
                            + " unless set), so that latency stays accurate and the binlog position keeps moving on an"
                            + " idle database; empty disables it, and its own changes are never delivered.",
                    "Heartbeat", 1, Width.MEDIUM, "Heartbeat table")
            .define(SIGNAL_TABLE_CONFIG, Type.STRING, "", new OptionalTableValidator(), Importance.MEDIUM,
                    "A database.table (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32), data VARCHAR(2048)) the account"
                            + " may INSERT into, through which tables added to a running task are copied and a table is"
                            + " copied again on request (Debezium's signal table), and whose own rows are never"
                            + " delivered; empty: a full,incremental task fails when tables are added, since it cannot"
                            + " copy them.",
                    FULL_COPY_GROUP, 3, Width.MEDIUM, "Signal table")
            .define(ENCRYPTION_CONFIG, Type.STRING, null, ENCRYPTIONS.optionalValidator(), Importance.MEDIUM,
                    "Connection to the database: 'none' (DTS's Non-encrypted) or 'ssl' (SSL-encrypted, server"
                            + " certificate not verified); unset leaves Debezium's database.ssl.mode in charge, which"
                            + " is also how to verify the certificate.",
                    DATABASE_GROUP, 2, Width.SHORT, "Encryption", List.of(), ENCRYPTIONS.recommender())
            .define(RETENTION_ERROR_HOURS_CONFIG, Type.INT, 72, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "The precheck fails when the server purges binary logs sooner than this many hours (DTS's 3 days"
                            + " for managed databases); 0 disables the check.",
                    PRECHECK_GROUP, 1, Width.SHORT, "Binlog retention error (hours)")
            .define(RETENTION_WARNING_HOURS_CONFIG, Type.INT, 168, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "The precheck warns, without failing, when the server purges binary logs sooner than this many"
                            + " hours (DTS's 7 days); 0 disables the warning.",
                    PRECHECK_GROUP, 2, Width.SHORT, "Binlog retention warning (hours)")
            .define(RETRY_CONNECTION_MINUTES_CONFIG, Type.INT, 720, ConfigDef.Range.between(1, 1440),
                    Importance.MEDIUM,
                    "Minutes, counted from the first failed attempt, that the source database may stay unreachable"
                            + " while Debezium reconnects before the task fails with the cause (DTS's 12 hours, as the"
                            + " sink's setting of the same name).",
                    DATABASE_GROUP, 3, Width.SHORT, "Connection retry window (min)")
            .define(THROTTLE_INIT_ROWS_CONFIG, Type.DOUBLE, 0.0, ConfigDef.Range.between(0, 1e9), Importance.LOW,
                    "Rows per second the full copy reads from the source database at most, to protect a production"
                            + " database (measured from its first row; ahead of the limit by at most Debezium's"
                            + " max.queue.size rows); 0 means unlimited.",
                    FULL_COPY_GROUP, 2, Width.SHORT, "Full copy rows/s", List.of(),
                    Recommenders.visibleWhen(CanalSourceConfig::copiesExistingRows));

    /** The Canal SMT's settings that the task reads from the source server when they are not set. */
    private static final Set<String> SERVER_DERIVED_CANAL_KEYS = Set.of(CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG,
            CanalJsonTransformConfig.SERVER_ID_FALLBACK_CONFIG);

    static {
        // The Canal SMT's settings, prefixed with canal.: the task runs the SMT itself.
        CONFIG_DEF.embed(CANAL_PREFIX, "Canal SMT", 0, canalTransformDef());
    }

    private final SourceType sourceType;
    private final SyncTypes syncTypes;
    private final List<SyncOperation> operations;
    private final SourceEncryption encryption;

    public CanalSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        // Parsed once, so that a deprecated spelling is reported once per configuration.
        sourceType = SOURCE_TYPES.parse(SOURCE_TYPE_CONFIG, getString(SOURCE_TYPE_CONFIG));
        syncTypes = SyncTypes.of(SYNC_TYPES.parseList(SYNC_TYPES_CONFIG, getList(SYNC_TYPES_CONFIG))).orElseThrow();
        operations = OPERATIONS.parseList(OPERATIONS_CONFIG, getList(OPERATIONS_CONFIG)).stream().distinct()
                .toList();
        String encryptionValue = getString(ENCRYPTION_CONFIG);
        encryption = encryptionValue == null ? null : ENCRYPTIONS.parse(ENCRYPTION_CONFIG, encryptionValue);
    }

    /** Whether parsed settings copy the existing rows first, where the full copy's settings apply. */
    private static boolean copiesExistingRows(Map<String, Object> parsed) {
        return !(parsed.get(SYNC_TYPES_CONFIG) instanceof List<?> listed)
            || listed.stream().anyMatch(name -> SYNC_TYPES.find(name).orElse(null) == SyncType.FULL);
    }

    public SourceType sourceType() {
        return sourceType;
    }

    public SyncTypes syncTypes() {
        return syncTypes;
    }

    public List<String> databases() {
        return getList(DATABASES_CONFIG).stream().map(String::trim).toList();
    }

    public List<TableName> tables() {
        return getList(TABLES_CONFIG).stream().map(TableName::parse).toList();
    }

    public List<SyncOperation> operations() {
        return operations;
    }

    /** The heartbeat table, or null when heartbeats are off. */
    public TableName heartbeatTable() {
        String table = getString(HEARTBEAT_TABLE_CONFIG).trim();
        return table.isEmpty() ? null : TableName.parse(table);
    }

    /** The signal table, or null when none is configured. */
    public TableName signalTable() {
        String table = getString(SIGNAL_TABLE_CONFIG).trim();
        return table.isEmpty() ? null : TableName.parse(table);
    }

    /** Whether {@code source.encryption} asks for SSL; only meaningful when it is set. */
    public boolean encrypted() {
        return encryption == SourceEncryption.SSL;
    }

    public int retentionErrorHours() {
        return getInt(RETENTION_ERROR_HOURS_CONFIG);
    }

    public int retentionWarningHours() {
        return getInt(RETENTION_WARNING_HOURS_CONFIG);
    }

    public Duration retryConnectionWindow() {
        return Duration.ofMinutes(getInt(RETRY_CONNECTION_MINUTES_CONFIG));
    }

    /** The full copy's limit in rows per second; 0 means unlimited. */
    public double initRowsPerSecond() {
        return getDouble(THROTTLE_INIT_ROWS_CONFIG);
    }

    /** The Canal SMT's settings, without the {@code canal.} prefix. */
    public Map<String, Object> canalTransformSettings() {
        return originalsWithPrefix(CANAL_PREFIX);
    }

    /** Whether the user wrote the key into the connector config (rather than relying on its default). */
    public boolean isSet(String key) {
        return originals().containsKey(key);
    }

    /** The SMT's ConfigDef, except that the server-derived keys have no default (the server's value applies). */
    private static ConfigDef canalTransformDef() {
        ConfigDef def = new ConfigDef();
        for (ConfigKey key : CanalJsonTransform.CONFIG_DEF.configKeys().values()) {
            def.define(SERVER_DERIVED_CANAL_KEYS.contains(key.name) ? withoutDefault(key) : key);
        }
        return def;
    }

    private static ConfigKey withoutDefault(ConfigKey key) {
        ConfigDef.Validator unlessUnset = ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null) {
                key.validator.ensureValid(name, value);
            }
        }, () -> key.validator + ", or unset for the source server's value");
        return new ConfigKey(key.name, key.type, null, unlessUnset, key.importance, key.documentation, key.group,
                key.orderInGroup, key.width, key.displayName, key.dependents, key.recommender, key.internalConfig);
    }

    private static final class SyncTypesValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            if (value != null) {
                SYNC_TYPES.validator().ensureValid(name, value);
            }
            if (value == null || SyncTypes.of(((List<String>) value).stream()
                    .map(type -> SYNC_TYPES.find(type).orElseThrow()).toList()).isEmpty()) {
                throw new ConfigException(name, value, "use 'incremental' (changes only) or 'full,incremental'"
                        + " (existing rows first, then changes)");
            }
        }

        @Override
        public String toString() {
            return "incremental, full,incremental";
        }
    }

    /** Database names, or database.table names when {@code qualified}; tables are limited to DTS's maximum. */
    private static final class NameListValidator implements ConfigDef.Validator {
        private final boolean qualified;

        NameListValidator(boolean qualified) {
            this.qualified = qualified;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            List<String> names = (List<String>) value;
            if (names == null) {
                throw new ConfigException(name, null, "must be a list (empty for none)");
            }
            if (qualified && names.size() > MAX_LISTED_TABLES) {
                throw new ConfigException(name, names.size() + " tables", "a task lists at most " + MAX_LISTED_TABLES
                        + " tables: split them over several connectors, or select their whole databases with "
                        + DATABASES_CONFIG);
            }
            for (String entry : names) {
                if (entry.isBlank()) {
                    throw new ConfigException(name, value, "contains an empty name; remove the extra comma");
                }
                if (qualified) {
                    requireQualified(name, entry);
                }
            }
        }

        @Override
        public String toString() {
            return qualified ? "a list of up to " + MAX_LISTED_TABLES + " database.table names" : "a list of database names";
        }
    }

    private static final class OptionalTableValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String table = value == null ? "" : ((String) value).trim();
            if (!table.isEmpty()) {
                requireQualified(name, table);
            }
        }

        @Override
        public String toString() {
            return "empty or database.table";
        }
    }

    private static void requireQualified(String name, String entry) {
        try {
            TableName.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, entry, "name the table with its database, as database.table");
        }
    }
}
