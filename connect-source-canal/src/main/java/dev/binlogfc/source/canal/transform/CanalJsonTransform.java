package dev.binlogfc.source.canal.transform;

import dev.binlogfc.common.util.Version;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;

import dev.binlogfc.source.canal.format.CanalJsonWriter;
import dev.binlogfc.source.canal.format.CanalMessage;
import dev.binlogfc.source.canal.format.ColumnValueRenderer;
import dev.binlogfc.source.canal.format.RowChangeConverter;
import dev.binlogfc.source.canal.format.SchemaChangeConverter;

/**
 * The Canal SMT: turns Debezium MySQL/MariaDB change events into DTS-style Canal JSON records. {@link #OVERVIEW_DOC}
 * is its user documentation and {@link CanalJsonTransformConfig} lists its settings. Values are rendered by
 * {@link ColumnValueRenderer}; ids are derived from the binlog position, or for snapshot reads from database, table
 * and key, by {@link dev.binlogfc.source.canal.format.EventIds}.
 */
public class CanalJsonTransform<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Turns each Debezium MySQL or MariaDB change event into one DTS-style"
            + " Canal JSON record with `id`, `database`, `table`, `pkNames`, `isDdl`, `type`, `es`, `ts`, `sql`,"
            + " `sqlType`, `mysqlType`, `data`, `old` and `serverId`: a schemaless map (`value.form=map`) or the same"
            + " record as JSON text (`value.form=json`). The Canal source connector runs it in its task, where its"
            + " settings take the `canal.` prefix; as a transform of a plain Debezium connector it must come first in"
            + " `transforms`, since it needs the value schema, which the converter does not keep.\n\n"
            + "- Row changes (value schema `*.Envelope`): op r, c, u, d become INIT, INSERT, UPDATE, DELETE; `data`"
            + " holds the row after the change (before it, for DELETE), `old` the row before an UPDATE.\n"
            + "- Schema changes (value schema `*SchemaChangeValue`) become DDL records with the statement in `sql`;"
            + " `ddl.delivery` moves them to the changed table's topic, in binlog order with its rows, keeps them on"
            + " Debezium's schema change topic, or drops them. Those the full copy reads are dropped unless"
            + " `snapshot.ddl=create` keeps its CREATE TABLEs.\n"
            + "- TRUNCATE (op t, which Debezium emits when its `skipped.operations` does not list t) becomes the DDL"
            + " record ``TRUNCATE TABLE `db`.`table` `` on the table's topic, in order with its rows.\n"
            + "- A change of the primary key, which Debezium emits as a DELETE of the old key, a tombstone and a"
            + " CREATE of the new one, becomes one UPDATE with `old`, keyed by the old key, so that it cannot overtake"
            + " the row's earlier changes.\n"
            + "- Tombstones are dropped, unless `tombstones.drop=false`.\n"
            + "- Anything else (heartbeats, transaction metadata, other connectors' records) passes through"
            + " unchanged, except that with `value.form=json` its value becomes the text JsonConverter writes for"
            + " it.\n\n"
            + "Topic, partition, key, timestamp and headers are kept, except that DDL may move to a table's topic, a"
            + " primary key change is keyed by the old key, and `key.form=json` turns every key into the text"
            + " JsonConverter (schemas.enable=false) writes for it, for `key.converter=StringConverter`.\n\n"
            + "On a plain Debezium connector, set `column.propagate.source.type=.*` (the column types behind"
            + " `sqlType`, `mysqlType` and fractional digits), keep `binary.handling.mode=bytes` (the default), and"
            + " use `value.converter=org.apache.kafka.connect.json.JsonConverter` with"
            + " `value.converter.schemas.enable=false`, or `value.converter=org.apache.kafka.connect.storage."
            + "StringConverter` with `value.form=json`, so that the topic holds plain Canal JSON. Set"
            + " `timestamp.zone` and `server.id.fallback` to the source server's, which the Canal source connector"
            + " does by itself; the README's record contract lists the values and the other Debezium settings this"
            + " needs. Example: `transforms=canal`,"
            + " `transforms.canal.type=dev.binlogfc.source.canal.transform.CanalJsonTransform`,"
            + " `transforms.canal.timestamp.zone=Asia/Shanghai`.";

    /** The settings, see {@link CanalJsonTransformConfig}. */
    public static final ConfigDef CONFIG_DEF = CanalJsonTransformConfig.CONFIG_DEF;

    /** Debezium's headers on the two halves of a primary key change. */
    static final String NEW_KEY_HEADER = "__debezium.newkey";
    static final String OLD_KEY_HEADER = "__debezium.oldkey";

    private boolean dropTombstones;
    private CanalJsonTransformConfig.ValueForm valueForm;
    private CanalJsonTransformConfig.KeyForm keyForm;
    private final CanalJsonWriter jsonWriter = new CanalJsonWriter();
    /** Keys with key.form=json, and values the SMT does not convert with value.form=json. */
    private final ConnectJsonText connectJson = new ConnectJsonText();
    private CanalJsonTransformConfig.DdlDelivery ddlDelivery;
    private RowChangeConverter rowChanges;
    private SchemaChangeConverter schemaChanges;
    /**
     * The DELETE half of a primary key change, held until its CREATE half arrives; null otherwise. Debezium always
     * emits the CREATE right after it, with the same source offset, so the UPDATE that replaces both takes the
     * DELETE's place in the old key's partition, after every earlier change of that row.
     */
    private R pendingKeyChange;
    /** The key field names of the last key schema seen: consecutive records mostly share their table. */
    private Schema lastKeySchema;
    private List<String> lastKeyFieldNames = List.of();

    @Override
    public void configure(Map<String, ?> configs) {
        CanalJsonTransformConfig config = new CanalJsonTransformConfig(configs);
        dropTombstones = config.dropTombstones();
        valueForm = config.valueForm();
        keyForm = config.keyForm();
        ddlDelivery = config.ddlDelivery();
        rowChanges = new RowChangeConverter(new ColumnValueRenderer(config.timestampZone(), config.binaryEncoding()),
                config.format(), config.serverIdFallback());
        schemaChanges = new SchemaChangeConverter(config.serverIdFallback(),
                config.snapshotDdl() == CanalJsonTransformConfig.SnapshotDdl.CREATE);
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (value == null) {
            return dropTombstones ? null : passedOn(record);
        }
        Schema valueSchema = record.valueSchema();
        if (value instanceof Struct struct) {
            if (valueSchema == null) {
                throw schemaRequired(record);
            }
            if (isSchemaChange(valueSchema)) {
                return schemaChange(record, struct);
            }
            if (isEnvelope(valueSchema)) {
                return rowChange(record, struct);
            }
            return passedOn(record);
        }
        if (value instanceof Map<?, ?> map && map.containsKey("op") && map.containsKey("source")) {
            throw schemaRequired(record);
        }
        return passedOn(record);
    }

    @Override
    public ConfigDef config() {
        return CanalJsonTransformConfig.CONFIG_DEF;
    }

    /** The source plugin's version. */
    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {
        connectJson.close();
    }

    private R rowChange(R record, Struct envelope) {
        String op = envelope.getString("op");
        if (pendingKeyChange != null) {
            return completeKeyChange(record, envelope, op);
        }
        if ("t".equals(op)) {
            return ddlDelivery == CanalJsonTransformConfig.DdlDelivery.DROP ? null : withCanalValue(record, record.topic(),
                    record.keySchema(), record.key(),
                    schemaChanges.convertTruncate(envelope, sourceOffset(record), System.currentTimeMillis()));
        }
        if ("d".equals(op) && record.headers().lastWithName(NEW_KEY_HEADER) != null) {
            pendingKeyChange = record;
            return null;
        }
        return withCanalValue(record, record.topic(), record.keySchema(), record.key(),
                rowChanges.convert(envelope, sourceOffset(record), keyFieldNames(record), System.currentTimeMillis()));
    }

    private R completeKeyChange(R record, Struct create, String op) {
        R delete = pendingKeyChange;
        pendingKeyChange = null;
        Header oldKey = record.headers().lastWithName(OLD_KEY_HEADER);
        if (!"c".equals(op) || oldKey == null || !record.topic().equals(delete.topic())) {
            throw new DataException("Debezium's primary key change on topic " + delete.topic() + " (a DELETE with header "
                    + NEW_KEY_HEADER + ") was followed by a record on " + record.topic() + " with op '" + op
                    + "' instead of its CREATE with header " + OLD_KEY_HEADER + "; place the Canal SMT first in the"
                    + " connector's transforms so that no other transform removes or reorders Debezium's records");
        }
        return withCanalValue(delete, delete.topic(), delete.keySchema(), delete.key(),
                rowChanges.convertKeyChange((Struct) delete.value(), create, sourceOffset(record), keyFieldNames(record),
                        System.currentTimeMillis()));
    }

    private R schemaChange(R record, Struct schemaChange) {
        if (ddlDelivery == CanalJsonTransformConfig.DdlDelivery.DROP) {
            return null;
        }
        CanalMessage message = schemaChanges.convert(schemaChange, sourceOffset(record), System.currentTimeMillis());
        if (message == null) {
            return null;
        }
        String topic = ddlDelivery == CanalJsonTransformConfig.DdlDelivery.TABLE_TOPIC
                ? objectTopic(record.topic(), message) : record.topic();
        return withCanalValue(record, topic, record.keySchema(), record.key(), message);
    }

    /**
     * Debezium's default topic naming: the schema change topic is the prefix, a table's topic prefix.database.table;
     * a statement that names no table goes to prefix.database, next to its database's table topics.
     */
    private static String objectTopic(String schemaTopic, CanalMessage message) {
        if (message.database().isEmpty()) {
            return schemaTopic;
        }
        String databaseTopic = schemaTopic + "." + message.database();
        return message.table().isEmpty() ? databaseTopic : databaseTopic + "." + message.table();
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

    private List<String> keyFieldNames(ConnectRecord<?> record) {
        Schema keySchema = record.keySchema();
        if (keySchema == null && record.key() instanceof Struct key) {
            keySchema = key.schema();
        }
        if (keySchema == null || keySchema.type() != Schema.Type.STRUCT) {
            return List.of();
        }
        if (keySchema != lastKeySchema) {
            lastKeyFieldNames = keySchema.fields().stream().map(Field::name).toList();
            lastKeySchema = keySchema;
        }
        return lastKeyFieldNames;
    }

    /** The record with the Canal value; a changed topic leaves the partition to the producer (the key decides). */
    private R withCanalValue(R record, String topic, Schema keySchema, Object key, CanalMessage message) {
        Integer partition = topic.equals(record.topic()) ? record.kafkaPartition() : null;
        return valueForm == CanalJsonTransformConfig.ValueForm.JSON
                ? newRecord(record, topic, partition, keySchema, key, Schema.STRING_SCHEMA, jsonWriter.write(message))
                : newRecord(record, topic, partition, keySchema, key, null, message.toMap());
    }

    /**
     * A record the SMT does not convert (a kept tombstone, a heartbeat, transaction metadata, another connector's
     * record) in the configured forms, so that the converters for those forms can write it.
     */
    private R passedOn(R record) {
        boolean valueAsText = valueForm == CanalJsonTransformConfig.ValueForm.JSON && record.value() != null;
        if (!valueAsText && keyForm == CanalJsonTransformConfig.KeyForm.STRUCT) {
            return record;
        }
        return newRecord(record, record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                valueAsText ? Schema.STRING_SCHEMA : record.valueSchema(),
                valueAsText ? connectJson.of(record.valueSchema(), record.value()) : record.value());
    }

    /** A record derived from {@code record}, with its key in the configured form. */
    private R newRecord(R record, String topic, Integer partition, Schema keySchema, Object key, Schema valueSchema,
                        Object value) {
        return keyForm == CanalJsonTransformConfig.KeyForm.JSON
                ? record.newRecord(topic, partition, Schema.OPTIONAL_STRING_SCHEMA, connectJson.of(keySchema, key),
                        valueSchema, value, record.timestamp(), record.headers())
                : record.newRecord(topic, partition, keySchema, key, valueSchema, value, record.timestamp(),
                        record.headers());
    }

    private static DataException schemaRequired(ConnectRecord<?> record) {
        return new DataException("Record on topic " + record.topic() + " is a Debezium event without its value schema;"
                + " the Canal SMT needs the schema: configure it as a transform of the Debezium source connector,"
                + " where it runs before the converter, not on a sink reading schemaless JSON");
    }
}
