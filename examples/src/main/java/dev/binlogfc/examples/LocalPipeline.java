package dev.binlogfc.examples;

import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The whole pipeline on one machine, on embedded defaults: a MariaDB with binlog holding a sample schema, a Kafka
 * broker and a Connect worker, the Canal source connector (Debezium inside) and the FC sink (both posted through the
 * Connect REST API from {@code examples/connectors}), and a local FC-compatible function endpoint that prints every
 * {@code {"Records":[...]}} batch it receives. The end-to-end tests run exactly this.
 */
public final class LocalPipeline implements AutoCloseable {
    public static final String DATABASE = "demoDatabase";
    public static final String TOPIC_PREFIX = "binlogfc";
    public static final long SOURCE_SERVER_ID = 27142679L;
    /** The source connector's account on the source database. */
    public static final String SOURCE_USER = "binlogfc";
    /** The time zone of Alibaba Cloud RDS in China, which the source must render TIMESTAMP in without being told. */
    public static final String SOURCE_TIME_ZONE = "+08:00";

    private static final String SOURCE_FILE = "source-mariadb-canal.json";
    private static final String SINK_FILE = "sink-fc.json";
    private static final Duration CONNECTOR_START_TIMEOUT = Duration.ofSeconds(60);

    private final MariaDbServer database;
    private final FcLocalEndpoint function;
    private final ConnectStack connect;
    private final ConnectorTemplate source;
    private final ConnectorTemplate sink;

    private LocalPipeline(MariaDbServer database, FcLocalEndpoint function, ConnectStack connect,
                          PipelineOptions options) {
        this.database = database;
        this.function = function;
        this.connect = connect;
        Map<String, String> values = placeholders(database, function, connect.bootstrapServers());
        this.source = ConnectorTemplate.load(SOURCE_FILE, values).with(options.sourceOverrides());
        this.sink = ConnectorTemplate.load(SINK_FILE, values).with(options.sinkOverrides());
    }

    /**
     * The values of the example files' placeholders for this machine's components: the database and the function
     * endpoint as started here, the broker at {@code bootstrapServers}.
     */
    public static Map<String, String> placeholders(MariaDbServer database, FcLocalEndpoint function,
                                                   String bootstrapServers) {
        return Map.ofEntries(
                Map.entry("DB_HOST", database.host()),
                Map.entry("DB_PORT", Integer.toString(database.port())),
                Map.entry("DB_USER", SOURCE_USER),
                Map.entry("DB_PASSWORD", "binlogfc-secret"),
                Map.entry("DB_CLIENT_SERVER_ID", "5400"),
                Map.entry("DATABASE", DATABASE),
                Map.entry("TOPIC_PREFIX", TOPIC_PREFIX),
                Map.entry("KAFKA_BOOTSTRAP", bootstrapServers),
                Map.entry("FC_ENDPOINT", function.url()),
                Map.entry("FC_SERVICE", function.serviceName()),
                Map.entry("FC_FUNCTION", function.functionName()),
                Map.entry("FC_ACCESS_KEY_ID", "local-access-key-id"),
                Map.entry("FC_ACCESS_KEY_SECRET", "local-access-key-secret"));
    }

    /**
     * Starts every component and both connectors; the function endpoint prints what it receives to {@code echo}
     * (null: prints nothing).
     */
    public static LocalPipeline start(PrintStream echo) throws IOException {
        return startWith(echo == null ? new PipelineOptions() : new PipelineOptions().echoTo(echo));
    }

    /** Starts every component and both connectors as {@code options} say. */
    public static LocalPipeline startWith(PipelineOptions options) throws IOException {
        MariaDbServer database = MariaDbServer.start(new MariaDbServerOptions().serverId(SOURCE_SERVER_ID)
                .variable("default_time_zone", SOURCE_TIME_ZONE));
        FcLocalEndpoint function = null;
        ConnectStack connect = null;
        try {
            createSampleSchema(database);
            // Before the setup statements, so that they may grant the connector's account more.
            database.createDebeziumUser(SOURCE_USER, "binlogfc-secret");
            database.execute(options.setupStatements().toArray(String[]::new));
            FcLocalEndpoint.Builder endpoint = FcLocalEndpoint.builder()
                    .service("demoService").function("demoFunction")
                    .accessKey("local-access-key-id", "local-access-key-secret");
            function = (options.echo() == null ? endpoint : endpoint.echoTo(options.echo())).start();
            connect = ConnectStack.start(options.connect());
            LocalPipeline pipeline = new LocalPipeline(database, function, connect, options);
            pipeline.startConnector(pipeline.source);
            pipeline.startConnector(pipeline.sink);
            return pipeline;
        } catch (RuntimeException | IOException e) {
            closeAll(connect, function, database);
            throw e;
        }
    }

    public MariaDbServer database() {
        return database;
    }

    public FcLocalEndpoint function() {
        return function;
    }

    public ConnectStack connect() {
        return connect;
    }

    public ConnectorTemplate source() {
        return source;
    }

    public ConnectorTemplate sink() {
        return sink;
    }

    /** Posts a connector's config through the Connect REST API and waits until it and its task run. */
    public void startConnector(ConnectorTemplate connector) {
        connect.rest().createOrUpdate(connector.name(), connector.config());
        connect.rest().awaitRunning(connector.name(), 1, CONNECTOR_START_TIMEOUT);
    }

    @Override
    public void close() {
        closeAll(connect, function, database);
    }

    private static void createSampleSchema(MariaDbServer database) {
        database.execute(
                "CREATE DATABASE " + DATABASE,
                "CREATE TABLE " + DATABASE + ".demoTable ("
                        + "name VARCHAR(20) NOT NULL PRIMARY KEY, sex VARCHAR(10), age INT)",
                "INSERT INTO " + DATABASE + ".demoTable VALUES ('xiaoming', 'man', 10), ('xiaohong', 'woman', 12)");
    }

    static void closeAll(AutoCloseable... components) {
        for (AutoCloseable component : components) {
            if (component != null) {
                try {
                    component.close();
                } catch (Exception e) {
                    System.err.println("Could not stop " + component.getClass().getSimpleName() + ": " + e);
                }
            }
        }
    }

    /**
     * The README's run command: starts everything plus a replica database that the example function keeps in step
     * with the source ({@link ReplicaPipeline}), then runs the SQL typed on standard input until Ctrl-C.
     */
    public static void main(String[] args) throws Exception {
        // Debezium's binlog client logs through java.util.logging; keep it as quiet as the log4j2 side.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        PrintStream out = System.out;
        out.println("Starting MariaDB (binlog on), Kafka, Connect, the local function endpoint and a replica MariaDB ...");
        try (ReplicaPipeline running = ReplicaPipeline.start(new PipelineOptions().echoTo(out), out)) {
            Runtime.getRuntime().addShutdownHook(new Thread(running::close));
            LocalPipeline pipeline = running.pipeline();
            MariaDbServer replica = running.replica();
            out.printf("%nRunning. Connectors: %s (Canal source: Debezium inside), %s (FC sink); Connect REST at %s%n",
                    pipeline.source.name(), pipeline.sink.name(), pipeline.connect.restUrl());
            out.printf("The database is %s (user root, no password), e.g. mariadb -h %s -P %d -u root %s%n",
                    pipeline.database.jdbcUrl(DATABASE), pipeline.database.host(), pipeline.database.port(), DATABASE);
            out.printf("The example function replicates it into %s, e.g. mariadb -h %s -P %d -u root %s%n",
                    replica.jdbcUrl(DATABASE), replica.host(), replica.port(), DATABASE);
            out.println("Type SQL statements here (one per line), e.g.");
            out.println("  UPDATE demoDatabase.demoTable SET age = 11 WHERE name = 'xiaoming'");
            out.println("and watch the function receive and apply them. Ctrl-C stops everything.\n");
            runStatementsFromStdin(pipeline.database, out);
            Thread.currentThread().join();
        }
    }

    private static void runStatementsFromStdin(MariaDbServer database, PrintStream out) {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
                String statement = line.strip();
                if (statement.endsWith(";")) {
                    statement = statement.substring(0, statement.length() - 1);
                }
                if (statement.isEmpty()) {
                    continue;
                }
                try {
                    database.execute(statement);
                    out.println("OK: " + statement);
                } catch (RuntimeException e) {
                    out.println("SQL error: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
