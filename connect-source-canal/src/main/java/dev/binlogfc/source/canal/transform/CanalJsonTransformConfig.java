package dev.binlogfc.source.canal.transform;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.common.config.EnumeratedSetting;
import dev.binlogfc.source.canal.format.BinaryEncoding;
import dev.binlogfc.source.canal.format.CanalFormat;

/** The settings of {@link CanalJsonTransform}; defaults give the DTS form of the Canal JSON record. */
public final class CanalJsonTransformConfig extends AbstractConfig {

    public static final String TOMBSTONES_DROP_CONFIG = "tombstones.drop";
    public static final String TIMESTAMP_ZONE_CONFIG = "timestamp.zone";
    public static final String OLD_IMAGE_CONFIG = "old.image";
    public static final String MYSQL_TYPE_FORM_CONFIG = "mysql.type.form";
    public static final String SQL_TYPE_CODES_CONFIG = "sql.type.codes";
    public static final String BINARY_ENCODING_CONFIG = "binary.encoding";
    public static final String SNAPSHOT_TYPE_CONFIG = "snapshot.type";
    public static final String DDL_DELIVERY_CONFIG = "ddl.delivery";
    public static final String SNAPSHOT_DDL_CONFIG = "snapshot.ddl";
    public static final String SERVER_ID_FALLBACK_CONFIG = "server.id.fallback";
    public static final String VALUE_FORM_CONFIG = "value.form";
    public static final String KEY_FORM_CONFIG = "key.form";
    /** MySQL's server_id is an unsigned 32-bit number. */
    private static final long MAX_SERVER_ID = 4_294_967_295L;
    private static final String OUTPUT_GROUP = "Output format";
    private static final String VALUES_GROUP = "Column values";
    private static final String FIELDS_GROUP = "Canal fields";
    private static final String DDL_GROUP = "Schema changes";
    private static final EnumChoice<CanalFormat.OldImage> OLD_IMAGES = EnumChoice.of(CanalFormat.OldImage.class);
    private static final EnumChoice<CanalFormat.MySqlTypeForm> MYSQL_TYPE_FORMS =
            EnumChoice.of(CanalFormat.MySqlTypeForm.class);
    private static final EnumChoice<CanalFormat.SqlTypeCodes> SQL_TYPE_CODES =
            EnumChoice.of(CanalFormat.SqlTypeCodes.class);
    private static final EnumChoice<CanalFormat.SnapshotType> SNAPSHOT_TYPES =
            EnumChoice.of(CanalFormat.SnapshotType.class);
    private static final EnumChoice<BinaryEncoding> BINARY_ENCODINGS = EnumChoice.of(BinaryEncoding.class);

    /** Where schema change records go. */
    public enum DdlDelivery implements EnumeratedSetting {
        /** Debezium's schema change topic (named by the connector's topic.prefix), apart from the rows. */
        SCHEMA_TOPIC,
        /**
         * The data topic of the table the statement changes ({@code <topic.prefix>.<database>.<table>}), in binlog order
         * with its rows; a statement that names no table (a procedure, a function, DROP TRIGGER) goes to the topic of
         * its database, {@code <topic.prefix>.<database>}.
         */
        TABLE_TOPIC,
        /** Nowhere: schema change records are dropped, e.g. for readers that accept only DML. */
        DROP
    }

    /** Which schema statements of the full copy (snapshot) are delivered. */
    public enum SnapshotDdl implements EnumeratedSetting {
        /** None, as DTS: the full copy delivers rows only. */
        NONE,
        /** Each copied table's CREATE TABLE, ahead of its rows; never the DROP TABLE that Debezium reads before it. */
        CREATE
    }

    /** What the record value is. */
    public enum ValueForm implements EnumeratedSetting {
        /** A schemaless Map, for JsonConverter with schemas.enable=false; later SMTs read and change its fields. */
        MAP,
        /** The Canal JSON text as a String, for StringConverter: written once, without Connect's JSON tree. */
        JSON
    }

    /** What the record key is. */
    public enum KeyForm implements EnumeratedSetting {
        /** Debezium's key Struct, for JsonConverter with schemas.enable=false. */
        STRUCT,
        /** The text JsonConverter with schemas.enable=false writes for the key, as a String, for StringConverter. */
        JSON
    }

    /** The spellings of ddl.delivery, for checks that read the connector's settings before the SMT does. */
    public static final EnumChoice<DdlDelivery> DDL_DELIVERIES = EnumChoice.of(DdlDelivery.class);
    private static final EnumChoice<SnapshotDdl> SNAPSHOT_DDLS = EnumChoice.of(SnapshotDdl.class);
    /** The spellings of value.form, for checks that read the connector's settings before the SMT does. */
    public static final EnumChoice<ValueForm> VALUE_FORMS = EnumChoice.of(ValueForm.class);
    /** The spellings of key.form, for checks that read the connector's settings before the SMT does. */
    public static final EnumChoice<KeyForm> KEY_FORMS = EnumChoice.of(KeyForm.class);

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOMBSTONES_DROP_CONFIG, ConfigDef.Type.BOOLEAN, true, new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.MEDIUM,
                    "Whether to drop tombstones (records with a null value, which Debezium emits after a DELETE for log"
                            + " compaction and the Canal stream has no use for); false passes them on unchanged.",
                    OUTPUT_GROUP, 3, ConfigDef.Width.SHORT, "Drop tombstones")
            .define(TIMESTAMP_ZONE_CONFIG, ConfigDef.Type.STRING, "UTC", new ZoneIdValidator(), ConfigDef.Importance.MEDIUM,
                    "Time zone (an IANA id such as Asia/Shanghai, or an offset such as +08:00) in which TIMESTAMP"
                            + " columns, which Debezium delivers in UTC, are rendered; it must be the source server's"
                            + " time_zone to get the values the database shows (DATETIME is never shifted), which the"
                            + " Canal source connector sets unless told otherwise, while the SMT alone defaults to"
                            + " UTC.",
                    VALUES_GROUP, 1, ConfigDef.Width.MEDIUM, "TIMESTAMP time zone")
            .define(OLD_IMAGE_CONFIG, ConfigDef.Type.STRING, CanalFormat.OldImage.FULL.value(), OLD_IMAGES.validator(),
                    ConfigDef.Importance.LOW,
                    "What 'old' holds for UPDATE: 'full' the whole row before the change (as DTS), 'changed' only the"
                            + " columns whose value changed (as Canal).",
                    FIELDS_GROUP, 1, ConfigDef.Width.SHORT, "Old image", List.of(), OLD_IMAGES.recommender())
            .define(MYSQL_TYPE_FORM_CONFIG, ConfigDef.Type.STRING, CanalFormat.MySqlTypeForm.NAME.value(),
                    MYSQL_TYPE_FORMS.validator(),
                    ConfigDef.Importance.LOW,
                    "What 'mysqlType' shows per column: 'name' the base type name such as varchar (as DTS),"
                            + " 'declaration' the declared type such as varchar(20) or decimal(10,2) unsigned"
                            + " (as Canal).",
                    FIELDS_GROUP, 2, ConfigDef.Width.SHORT, "mysqlType form", List.of(),
                    MYSQL_TYPE_FORMS.recommender())
            .define(SQL_TYPE_CODES_CONFIG, ConfigDef.Type.STRING, CanalFormat.SqlTypeCodes.MYSQL.value(),
                    SQL_TYPE_CODES.validator(),
                    ConfigDef.Importance.LOW,
                    "Which codes 'sqlType' holds: 'mysql' the MySQL protocol field types such as varchar 253 (as DTS),"
                            + " 'jdbc' the java.sql.Types codes such as varchar 12 (as Canal).",
                    FIELDS_GROUP, 3, ConfigDef.Width.SHORT, "sqlType codes", List.of(),
                    SQL_TYPE_CODES.recommender())
            .define(BINARY_ENCODING_CONFIG, ConfigDef.Type.STRING, BinaryEncoding.ISO_8859_1.value(),
                    BINARY_ENCODINGS.validator(),
                    ConfigDef.Importance.LOW,
                    "How the bytes of BINARY, VARBINARY, BLOB and spatial columns become text: 'iso-8859-1' one"
                            + " character per byte (as Canal), 'base64', or 'hex' (upper case, as MySQL's HEX()).",
                    VALUES_GROUP, 2, ConfigDef.Width.SHORT, "Binary encoding", List.of(),
                    BINARY_ENCODINGS.recommender())
            .define(SNAPSHOT_TYPE_CONFIG, ConfigDef.Type.STRING, CanalFormat.SnapshotType.INIT.value(),
                    SNAPSHOT_TYPES.validator(), ConfigDef.Importance.LOW,
                    "The 'type' of rows read by the initial snapshot: 'init' gives INIT (as DTS), 'insert' gives"
                            + " INSERT, which readers that know only INSERT/UPDATE/DELETE (Flink's canal-json) need.",
                    FIELDS_GROUP, 4, ConfigDef.Width.SHORT, "Full copy row type", List.of(),
                    SNAPSHOT_TYPES.recommender())
            .define(DDL_DELIVERY_CONFIG, ConfigDef.Type.STRING, DdlDelivery.TABLE_TOPIC.value(),
                    DDL_DELIVERIES.validator(),
                    ConfigDef.Importance.MEDIUM,
                    "Where DDL records go: 'table-topic' the changed table's data topic, in binlog order with its rows,"
                            + " and a statement that names no table (procedure, function, DROP TRIGGER) to the"
                            + " database's topic <topic.prefix>.<database> (assumes Debezium's default topic naming);"
                            + " 'schema-topic' Debezium's schema change topic named by topic.prefix, apart from the"
                            + " rows; or 'drop' nowhere (for DML-only readers such as Flink).",
                    DDL_GROUP, 1, ConfigDef.Width.SHORT, "DDL delivery", List.of(), DDL_DELIVERIES.recommender())
            .define(SNAPSHOT_DDL_CONFIG, ConfigDef.Type.STRING, SnapshotDdl.NONE.value(), SNAPSHOT_DDLS.validator(),
                    ConfigDef.Importance.LOW,
                    "Which schema statements the full copy delivers: 'none' (as DTS, rows only), or 'create' each"
                            + " copied table's CREATE TABLE ahead of its rows; the DROP TABLE Debezium reads first is"
                            + " never delivered.",
                    DDL_GROUP, 2, ConfigDef.Width.SHORT, "Full copy DDL", List.of(), SNAPSHOT_DDLS.recommender())
            .define(SERVER_ID_FALLBACK_CONFIG, ConfigDef.Type.LONG, 0L, ConfigDef.Range.between(0L, MAX_SERVER_ID),
                    ConfigDef.Importance.LOW,
                    "The serverId to report where Debezium reports server id 0, i.e. for rows and DDL read by the full"
                            + " copy (snapshot); 0 keeps Debezium's 0, and the Canal source connector sets the source"
                            + " server's server_id unless told otherwise.",
                    FIELDS_GROUP, 5, ConfigDef.Width.SHORT, "Full copy serverId")
            .define(VALUE_FORM_CONFIG, ConfigDef.Type.STRING, ValueForm.MAP.value(), VALUE_FORMS.validator(),
                    ConfigDef.Importance.MEDIUM,
                    "What the record value is: 'map' a schemaless Map, for value.converter=JsonConverter with"
                            + " value.converter.schemas.enable=false; 'json' the same Canal JSON as a String, for"
                            + " value.converter=StringConverter, which skips the JsonConverter's JSON tree and costs"
                            + " less CPU per record (later SMTs then see the text); records the SMT does not convert"
                            + " (heartbeats, transaction metadata) then carry the JSON text JsonConverter writes.",
                    OUTPUT_GROUP, 1, ConfigDef.Width.SHORT, "Value form", List.of(), VALUE_FORMS.recommender())
            .define(KEY_FORM_CONFIG, ConfigDef.Type.STRING, KeyForm.STRUCT.value(), KEY_FORMS.validator(),
                    ConfigDef.Importance.MEDIUM,
                    "What the record key is: 'struct' Debezium's key, for key.converter=JsonConverter with"
                            + " key.converter.schemas.enable=false; 'json' the text that converter would write, as a"
                            + " String, for key.converter=StringConverter: the same bytes on the topic, so the same"
                            + " partitions, for less CPU per record.",
                    OUTPUT_GROUP, 2, ConfigDef.Width.SHORT, "Key form", List.of(), KEY_FORMS.recommender());

    public CanalJsonTransformConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public ZoneId timestampZone() {
        return ZoneId.of(getString(TIMESTAMP_ZONE_CONFIG));
    }

    public long serverIdFallback() {
        return getLong(SERVER_ID_FALLBACK_CONFIG);
    }

    public boolean dropTombstones() {
        return getBoolean(TOMBSTONES_DROP_CONFIG);
    }

    public BinaryEncoding binaryEncoding() {
        return BINARY_ENCODINGS.parse(BINARY_ENCODING_CONFIG, getString(BINARY_ENCODING_CONFIG));
    }

    public ValueForm valueForm() {
        return VALUE_FORMS.parse(VALUE_FORM_CONFIG, getString(VALUE_FORM_CONFIG));
    }

    public KeyForm keyForm() {
        return KEY_FORMS.parse(KEY_FORM_CONFIG, getString(KEY_FORM_CONFIG));
    }

    public DdlDelivery ddlDelivery() {
        return DDL_DELIVERIES.parse(DDL_DELIVERY_CONFIG, getString(DDL_DELIVERY_CONFIG));
    }

    public SnapshotDdl snapshotDdl() {
        return SNAPSHOT_DDLS.parse(SNAPSHOT_DDL_CONFIG, getString(SNAPSHOT_DDL_CONFIG));
    }

    public CanalFormat format() {
        return new CanalFormat(OLD_IMAGES.parse(OLD_IMAGE_CONFIG, getString(OLD_IMAGE_CONFIG)),
                MYSQL_TYPE_FORMS.parse(MYSQL_TYPE_FORM_CONFIG, getString(MYSQL_TYPE_FORM_CONFIG)),
                SQL_TYPE_CODES.parse(SQL_TYPE_CODES_CONFIG, getString(SQL_TYPE_CODES_CONFIG)),
                SNAPSHOT_TYPES.parse(SNAPSHOT_TYPE_CONFIG, getString(SNAPSHOT_TYPE_CONFIG)).canalType());
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
