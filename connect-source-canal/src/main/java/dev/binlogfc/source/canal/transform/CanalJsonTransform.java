package dev.binlogfc.source.canal.transform;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

import dev.binlogfc.source.canal.format.CanalMessage;
import dev.binlogfc.source.canal.format.ColumnValueRenderer;
import dev.binlogfc.source.canal.format.RowChangeConverter;
import dev.binlogfc.source.canal.format.SchemaChangeConverter;

/**
 * Turns a Debezium MySQL/MariaDB change event into one DTS-style Canal JSON record: a schemaless
 * {@code LinkedHashMap} value (value schema null) with id, database, table, pkNames, isDdl, type, es, ts, sql, sqlType,
 * mysqlType, data, old and serverId. Topic, partition, key, key schema, timestamp and headers are kept.
 *
 * <p>It runs in the Debezium source connector, before the converter, because it needs the value schema; the
 * connector must set {@code column.propagate.source.type=.*} (column types for sqlType/mysqlType and fractional
 * digits), and the worker or connector {@code value.converter=org.apache.kafka.connect.json.JsonConverter} with
 * {@code value.converter.schemas.enable=false} so that the topic holds plain Canal JSON.
 *
 * <ul>
 * <li>Data change events (value schema named {@code *.Envelope}): op r, c, u, d become INIT, INSERT, UPDATE, DELETE;
 * {@code data} holds the after image (the before image for DELETE), {@code old} the before image for UPDATE.</li>
 * <li>Schema change events (value schema named {@code *SchemaChangeValue}) become type DDL with the statement in
 * {@code sql}.</li>
 * <li>Tombstones (null value) are dropped unless {@code tombstones.drop=false}, which keeps them unchanged.</li>
 * <li>Anything else (heartbeats, transaction metadata, records of other connectors) passes through unchanged.</li>
 * </ul>
 *
 * <p>Values are the text the MySQL text protocol shows (JDBC getString), see {@link ColumnValueRenderer}: BIT(n)
 * appears as its decimal number, as Canal shows it, binary strings as their bytes read as ISO-8859-1, TIMESTAMP
 * columns in the zone of {@code timestamp.zone}. The id is derived from
 * the binlog position, or for snapshot reads from database, table and key, see
 * {@link dev.binlogfc.source.canal.format.EventIds}.
 */
public class CanalJsonTransform<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String TOMBSTONES_DROP_CONFIG = "tombstones.drop";
    public static final String TIMESTAMP_ZONE_CONFIG = "timestamp.zone";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOMBSTONES_DROP_CONFIG, ConfigDef.Type.BOOLEAN, true, new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.MEDIUM,
                    "Whether to drop tombstones (records with a null value, which Debezium emits after a DELETE for log"
                            + " compaction and the Canal stream has no use for); false passes them on unchanged.")
            .define(TIMESTAMP_ZONE_CONFIG, ConfigDef.Type.STRING, "UTC", new ZoneIdValidator(), ConfigDef.Importance.MEDIUM,
                    "Time zone (an IANA id such as Asia/Shanghai, or an offset such as +08:00) in which TIMESTAMP"
                            + " columns, which Debezium delivers in UTC, are rendered; set it to the source server's"
                            + " time_zone to get the values the database shows.");

    private boolean dropTombstones;
    private RowChangeConverter rowChanges;
    private SchemaChangeConverter schemaChanges;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        dropTombstones = config.getBoolean(TOMBSTONES_DROP_CONFIG);
        rowChanges = new RowChangeConverter(new ColumnValueRenderer(ZoneId.of(config.getString(TIMESTAMP_ZONE_CONFIG))));
        schemaChanges = new SchemaChangeConverter();
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (value == null) {
            return dropTombstones ? null : record;
        }
        Schema valueSchema = record.valueSchema();
        if (value instanceof Struct struct) {
            if (valueSchema == null) {
                throw schemaRequired(record);
            }
            if (isSchemaChange(valueSchema)) {
                return withCanalValue(record, schemaChanges.convert(struct, sourceOffset(record), System.currentTimeMillis()));
            }
            if (isEnvelope(valueSchema)) {
                return withCanalValue(record, rowChanges.convert(struct, sourceOffset(record), keyFieldNames(record),
                        System.currentTimeMillis()));
            }
            return record;
        }
        if (value instanceof Map<?, ?> map && map.containsKey("op") && map.containsKey("source")) {
            throw schemaRequired(record);
        }
        return record;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        // Holds no resources.
    }

    private static boolean isEnvelope(Schema schema) {
        return schema.name() != null && schema.name().endsWith(".Envelope");
    }

    private static boolean isSchemaChange(Schema schema) {
        return schema.name() != null && schema.name().endsWith("SchemaChangeValue");
    }

    /** Debezium's binlog offset: with {@code event} it tells apart the events of one transaction. */
    private static Map<String, ?> sourceOffset(ConnectRecord<?> record) {
        return record instanceof SourceRecord source && source.sourceOffset() != null ? source.sourceOffset() : Map.of();
    }

    private static List<String> keyFieldNames(ConnectRecord<?> record) {
        Schema keySchema = record.keySchema();
        if (keySchema == null && record.key() instanceof Struct key) {
            keySchema = key.schema();
        }
        if (keySchema == null || keySchema.type() != Schema.Type.STRUCT) {
            return List.of();
        }
        return keySchema.fields().stream().map(Field::name).toList();
    }

    private R withCanalValue(R record, CanalMessage message) {
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                null, message.toMap(), record.timestamp(), record.headers());
    }

    private static DataException schemaRequired(ConnectRecord<?> record) {
        return new DataException("Record on topic " + record.topic() + " is a Debezium event without its value schema;"
                + " the Canal SMT needs the schema: configure it as a transform of the Debezium source connector,"
                + " where it runs before the converter, not on a sink reading schemaless JSON");
    }

    /** Accepts what {@link ZoneId#of(String)} accepts. */
    private static final class ZoneIdValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof String zone) {
                try {
                    ZoneId.of(zone);
                    return;
                }
                catch (DateTimeException e) {
                    // reported below
                }
            }
            throw new ConfigException(name, value, "not a time zone id: use an IANA id such as Asia/Shanghai or an"
                    + " offset such as +08:00");
        }

        @Override
        public String toString() {
            return "an IANA time zone id or a UTC offset, e.g. UTC, Asia/Shanghai, +08:00";
        }
    }
}
