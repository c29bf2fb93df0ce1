package dev.binlogfc.etl.route;

import dev.binlogfc.etl.record.CanalRecord;
import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.record.CanalValue;
import dev.binlogfc.etl.record.RegexValidator;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Renames the database and table of Canal records by regular expression and optionally picks the topic; see
 * {@link #OVERVIEW_DOC}. DDL records keep their topic because moving DDL off Debezium's schema change topic is the
 * Canal SMT's call ({@code ddl.delivery}).
 */
public class RouteTables<R extends ConnectRecord<R>> extends CanalRecordTransformation<R> {
    public static final String DATABASE_REGEX_CONFIG = "database.regex";
    public static final String DATABASE_REPLACEMENT_CONFIG = "database.replacement";
    public static final String TABLE_REGEX_CONFIG = "table.regex";
    public static final String TABLE_REPLACEMENT_CONFIG = "table.replacement";
    public static final String TOPIC_FORMAT_CONFIG = "topic.format";

    public static final String OVERVIEW_DOC = "Renames the `database` and `table` of Canal records by regular"
            + " expressions matched against the whole name (`$1`, `$2` ... in the replacement refer to their groups;"
            + " a name its expression does not match stays as it is), e.g. merges the shard tables `order_\\d+` into"
            + " `order`; with `topic.format` a row change moves to the topic named after the new names (on a source"
            + " connector Connect creates it like Debezium's own topics). DDL records are renamed too, but their"
            + " `sql` stays as the source executed it and they keep their topic (the Canal SMT's `ddl.delivery`"
            + " chose it). Example: `transforms.merge.table.regex=order_\\d+` with"
            + " `transforms.merge.table.replacement=order`. " + RECORD_FORMS_DOC;

    private static final String NAMES_GROUP = "Names";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DATABASE_REGEX_CONFIG, ConfigDef.Type.STRING, ".*", RegexValidator.INSTANCE,
                    ConfigDef.Importance.HIGH, "Regular expression matched against the whole database name;"
                            + " matching names are rewritten to database.replacement.",
                    NAMES_GROUP, 1, ConfigDef.Width.LONG, "Database pattern")
            .define(DATABASE_REPLACEMENT_CONFIG, ConfigDef.Type.STRING, "$0", new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "The new database name; $1, $2 ... refer to database.regex's groups.",
                    NAMES_GROUP, 2, ConfigDef.Width.MEDIUM, "New database name")
            .define(TABLE_REGEX_CONFIG, ConfigDef.Type.STRING, ".*", RegexValidator.INSTANCE,
                    ConfigDef.Importance.HIGH, "Regular expression matched against the whole table name, e.g."
                            + " order_\\d+; matching names are rewritten to table.replacement.",
                    NAMES_GROUP, 3, ConfigDef.Width.LONG, "Table pattern")
            .define(TABLE_REPLACEMENT_CONFIG, ConfigDef.Type.STRING, "$0", new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH, "The new table name; $1, $2 ... refer to table.regex's groups.",
                    NAMES_GROUP, 4, ConfigDef.Width.MEDIUM, "New table name")
            .define(TOPIC_FORMAT_CONFIG, ConfigDef.Type.STRING, "", TopicFormat.VALIDATOR,
                    ConfigDef.Importance.MEDIUM, "Topic for the routed record with ${database} and ${table}"
                            + " standing for the new names, e.g. binlogfc.${database}.${table}; empty keeps the"
                            + " record's topic. DDL records always keep theirs (see the Canal SMT's ddl.delivery).",
                    "Topic", 1, ConfigDef.Width.LONG, "Topic format");

    private NameRewrite databases;
    private NameRewrite tables;
    private TopicFormat topicFormat;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        databases = new NameRewrite(config.getString(DATABASE_REGEX_CONFIG),
                config.getString(DATABASE_REPLACEMENT_CONFIG), DATABASE_REPLACEMENT_CONFIG);
        tables = new NameRewrite(config.getString(TABLE_REGEX_CONFIG), config.getString(TABLE_REPLACEMENT_CONFIG),
                TABLE_REPLACEMENT_CONFIG);
        topicFormat = new TopicFormat(config.getString(TOPIC_FORMAT_CONFIG));
    }

    @Override
    protected R transform(R record, CanalValue value) {
        CanalRecord canal = value.record();
        String database = databases.apply(canal.database());
        String table = tables.apply(canal.table());
        String topic = topicFormat.keepsTopic() || canal.isDdl() ? record.topic() : topicFormat.topic(database, table);
        if (database.equals(canal.database()) && table.equals(canal.table()) && topic.equals(record.topic())) {
            return record;
        }
        CanalRecord edited = canal.editableCopy();
        edited.setDatabase(database);
        edited.setTable(table);
        return withValue(record, topic, value, edited);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
