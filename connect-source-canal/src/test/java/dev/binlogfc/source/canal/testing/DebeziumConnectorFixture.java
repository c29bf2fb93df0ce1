package dev.binlogfc.source.canal.testing;

import java.lang.reflect.Proxy;
import java.time.temporal.TemporalAdjuster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.config.Configuration;
import io.debezium.connector.binlog.BinlogConnectorConfig;
import io.debezium.connector.binlog.charset.BinlogCharsetRegistry;
import io.debezium.connector.binlog.jdbc.BinlogValueConverters;
import io.debezium.connector.mariadb.MariaDbConnectorConfig;
import io.debezium.connector.mariadb.antlr.MariaDbAntlrDdlParser;
import io.debezium.connector.mariadb.charset.MariaDbCharsetRegistry;
import io.debezium.connector.mariadb.jdbc.MariaDbDefaultValueConverter;
import io.debezium.connector.mariadb.jdbc.MariaDbValueConverters;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.connector.mysql.antlr.MySqlAntlrDdlParser;
import io.debezium.connector.mysql.charset.MySqlCharsetRegistry;
import io.debezium.connector.mysql.jdbc.MySqlDefaultValueConverter;
import io.debezium.connector.mysql.jdbc.MySqlValueConverters;
import io.debezium.antlr.AntlrDdlParser;
import io.debezium.relational.CustomConverterRegistry;
import io.debezium.relational.DefaultValueConverter;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.TableSchemaBuilder;
import io.debezium.relational.Tables;
import io.debezium.relational.history.ConnectTableChangeSerializer;
import io.debezium.relational.history.TableChanges;
import io.debezium.relational.mapping.ColumnMappers;
import io.debezium.schema.SchemaFactory;
import io.debezium.schema.SchemaNameAdjuster;
import io.debezium.service.spi.ServiceRegistry;
import io.debezium.spi.topic.TopicNamingStrategy;

/**
 * Makes change events the way Debezium's MySQL or MariaDB connector makes them: the connector's own DDL parser reads
 * the table, its value converters and column mappers (with {@code column.propagate.source.type=.*} unless told
 * otherwise) build the schemas and convert raw binlog values, and its config supplies the source block schema.
 */
public final class DebeziumConnectorFixture {

    public static final String SERVER_NAME = "srv";
    public static final long SERVER_ID = 27142679L;

    private final BinlogConnectorConfig config;
    private final AntlrDdlParser<?, ?> parser;
    private final TableSchemaBuilder schemaBuilder;
    private final String connectorName;
    private final Tables tables = new Tables();

    private DebeziumConnectorFixture(BinlogConnectorConfig config, AntlrDdlParser<?, ?> parser, BinlogValueConverters converters,
                                     DefaultValueConverter defaultValues, String connectorName) {
        this.config = config;
        this.parser = parser;
        this.connectorName = connectorName;
        this.schemaBuilder = new TableSchemaBuilder(converters, defaultValues, SchemaNameAdjuster.NO_OP,
                new CustomConverterRegistry(List.of()), config.getSourceInfoStructMaker().schema(),
                config.getFieldNamer(), false, config.getEventConvertingFailureHandlingMode());
    }

    /** @param connectorOptions Debezium connector settings as key, value, key, value... overriding the defaults */
    public static DebeziumConnectorFixture mysql(String... connectorOptions) {
        MySqlConnectorConfig config = new MySqlConnectorConfig(configuration(connectorOptions));
        BinlogCharsetRegistry charsets = new MySqlCharsetRegistry();
        MySqlValueConverters converters = new MySqlValueConverters(config.getDecimalMode(), config.getTemporalPrecisionMode(),
                config.getBigIntUnsignedHandlingMode().asBigIntUnsignedMode(), config.binaryHandlingMode(),
                identity(), config.getEventConvertingFailureHandlingMode(), registryOf(charsets));
        return new DebeziumConnectorFixture(config, new MySqlAntlrDdlParser(true, false, false,
                Tables.TableFilter.includeAll(), charsets), converters, new MySqlDefaultValueConverter(converters), "mysql");
    }

    /** @param connectorOptions Debezium connector settings as key, value, key, value... overriding the defaults */
    public static DebeziumConnectorFixture mariadb(String... connectorOptions) {
        MariaDbConnectorConfig config = new MariaDbConnectorConfig(configuration(connectorOptions));
        BinlogCharsetRegistry charsets = new MariaDbCharsetRegistry();
        MariaDbValueConverters converters = new MariaDbValueConverters(config.getDecimalMode(), config.getTemporalPrecisionMode(),
                config.getBigIntUnsignedHandlingMode().asBigIntUnsignedMode(), config.binaryHandlingMode(),
                identity(), config.getEventConvertingFailureHandlingMode(), registryOf(charsets));
        return new DebeziumConnectorFixture(config, new MariaDbAntlrDdlParser(true, false, false,
                Tables.TableFilter.includeAll(), charsets), converters, new MariaDbDefaultValueConverter(converters), "mariadb");
    }

    /** Parses a CREATE TABLE with a database-qualified name and returns the captured table. */
    public CapturedTable table(String createTable) {
        Table table = tables.forTable(parse(createTable).get(0));
        TopicNamingStrategy<TableId> topics = config.getTopicNamingStrategy(BinlogConnectorConfig.TOPIC_NAMING_STRATEGY);
        return new CapturedTable(this, table,
                schemaBuilder.create(topics, table, null, ColumnMappers.create(config), null),
                topics.dataChangeTopic(table.id()));
    }

    /** The source block Debezium attaches to an event at the given binlog position. */
    public Struct source(String database, String table, BinlogPosition position, String snapshot) {
        Struct source = new Struct(config.getSourceInfoStructMaker().schema())
                .put("version", "3.5.0.Final")
                .put("connector", connectorName)
                .put("name", SERVER_NAME)
                .put("ts_ms", position.timestampMillis())
                .put("snapshot", snapshot)
                .put("db", database)
                .put("server_id", SERVER_ID)
                .put("file", position.file())
                .put("pos", position.position())
                .put("row", position.row());
        if (table != null) {
            source.put("table", table);
        }
        return source;
    }

    /**
     * A schema change event as Debezium emits it with include.schema.changes=true: the connector's parser applies the
     * DDL to the tables it knows, and the tables the DDL touched are serialized into tableChanges.
     */
    public SourceRecord schemaChange(String database, String ddl, BinlogPosition position, String snapshot) {
        TableChanges tableChanges = new TableChanges();
        String firstTable = null;
        for (TableId changed : parse(ddl)) {
            Table table = tables.forTable(changed);
            if (table == null) {
                tableChanges.drop(changed);
            }
            else {
                tableChanges.create(table);
            }
            firstTable = firstTable == null ? changed.table() : firstTable;
        }
        ConnectTableChangeSerializer serializer = new ConnectTableChangeSerializer(SchemaNameAdjuster.NO_OP);
        Schema valueSchema = SchemaFactory.get().schemaHistoryConnectorValueSchema(SchemaNameAdjuster.NO_OP, config, serializer);
        Schema keySchema = SchemaFactory.get().schemaHistoryConnectorKeySchema(SchemaNameAdjuster.NO_OP, config);
        Struct value = new Struct(valueSchema)
                .put("source", source(database, firstTable, position, snapshot))
                .put("ts_ms", position.timestampMillis())
                .put("databaseName", database)
                .put("ddl", ddl)
                .put("tableChanges", serializer.serialize(tableChanges));
        Struct key = new Struct(keySchema).put("databaseName", database);
        return new SourceRecord(Map.of("server", SERVER_NAME), position.offset(), SERVER_NAME, null,
                keySchema, key, valueSchema, value);
    }

    /** Applies DDL to the known tables; returns the ids of the tables it touched. */
    private List<TableId> parse(String ddl) {
        parser.parse(ddl, tables);
        return new ArrayList<>(tables.drainChanges());
    }

    private static Configuration configuration(String... options) {
        Configuration.Builder builder = Configuration.create()
                .with("topic.prefix", SERVER_NAME)
                .with("database.server.id", "1")
                .with("database.hostname", "127.0.0.1")
                .with("database.user", "debezium")
                .with("column.propagate.source.type", ".*");
        for (int i = 0; i < options.length; i += 2) {
            builder.with(options[i], options[i + 1]);
        }
        return builder.build();
    }

    private static ServiceRegistry registryOf(BinlogCharsetRegistry charsets) {
        return (ServiceRegistry) Proxy.newProxyInstance(DebeziumConnectorFixture.class.getClassLoader(),
                new Class<?>[]{ ServiceRegistry.class },
                (proxy, method, args) -> "getService".equals(method.getName()) && args[0] == BinlogCharsetRegistry.class
                        ? charsets
                        : null);
    }

    private static TemporalAdjuster identity() {
        return temporal -> temporal;
    }
}
