package dev.binlogfc.benchmarks;

import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.teststack.connect.ConnectRestClient;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.connect.ExternalWorker;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import io.debezium.connector.mariadb.MariaDbConnector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real stack on this machine: MariaDB with binlog, one Kafka broker, Connect (one worker in this JVM, or a
 * cluster of worker JVMs that can be killed), and the local function endpoint answering at once; plus the connector
 * requests from {@code examples/connectors}.
 */
final class BenchStack implements AutoCloseable {

    static final String PIPELINE_PREFIX = "bench";
    static final String CEILING_PREFIX = "ceiling";
    private static final String DB_USER = "binlogfc";
    private static final String DB_PASSWORD = "binlogfc-secret";
    private static final String ACCESS_KEY_ID = "bench-access-key-id";
    private static final String ACCESS_KEY_SECRET = "bench-access-key-secret";
    private static final Duration CONNECTOR_START_TIMEOUT = Duration.ofSeconds(90);

    private final MariaDbServer database;
    private final FcLocalEndpoint endpoint;
    private final ConnectStack connect;
    private final Optional<WorkerCluster> workers;
    private final Path connectors;

    private BenchStack(MariaDbServer database, FcLocalEndpoint endpoint, ConnectStack connect,
                       Optional<WorkerCluster> workers, Path connectors) {
        this.database = database;
        this.endpoint = endpoint;
        this.connect = connect;
        this.workers = workers;
        this.connectors = connectors;
    }

    /**
     * Starts every component with the connectors running in this JVM's worker, whose CPU and heap the benchmark
     * measures; {@code connectors} is the directory holding the shipped connector requests.
     */
    static BenchStack start(Path connectors) throws IOException {
        return start(connectors, Optional.empty(), 0, Map.of());
    }

    /**
     * Starts every component with the connectors running in a worker JVM of their own, which {@link #worker()}
     * kills and restarts; the worker writes its logs under {@code workerDirectory}.
     */
    static BenchStack startWithExternalWorker(Path connectors, Path workerDirectory) throws IOException {
        return startWithWorkerCluster(connectors, workerDirectory, 1, Map.of());
    }

    /**
     * Starts every component with the connectors running in a cluster of {@code size} worker JVMs
     * ({@link #workers()}) with {@code workerProperties} on top of the test stack's defaults; the workers write their
     * logs under {@code workerDirectory}.
     */
    static BenchStack startWithWorkerCluster(Path connectors, Path workerDirectory, int size,
                                             Map<String, String> workerProperties) throws IOException {
        return start(connectors, Optional.of(workerDirectory), size, workerProperties);
    }

    private static BenchStack start(Path connectors, Optional<Path> workerDirectory, int workers,
                                    Map<String, String> workerProperties) throws IOException {
        // The snapshot scans the whole table: keep it in memory as a production server would.
        MariaDbServer database = MariaDbServer.start(new MariaDbServerOptions().serverId(27142679L)
                .variable("innodb_buffer_pool_size", "1G"));
        FcLocalEndpoint endpoint = null;
        ConnectStack connect = null;
        try {
            database.createDebeziumUser(DB_USER, DB_PASSWORD);
            endpoint = FcLocalEndpoint.builder().service("benchService").function("benchFunction")
                    .accessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET).unreadBodies().start();
            connect = ConnectStack.start();
            String bootstrapServers = connect.bootstrapServers();
            Optional<WorkerCluster> cluster = workerDirectory
                    .map(directory -> WorkerCluster.start(bootstrapServers, directory, workers, workerProperties));
            return new BenchStack(database, endpoint, connect, cluster, connectors);
        } catch (IOException | RuntimeException e) {
            if (connect != null) {
                connect.close();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            database.close();
            throw e;
        }
    }

    MariaDbServer database() {
        return database;
    }

    FcLocalEndpoint endpoint() {
        return endpoint;
    }

    ConnectStack connect() {
        return connect;
    }

    /** The worker JVM the connectors run in, for a stack started {@link #startWithExternalWorker with one}. */
    ExternalWorker worker() {
        return workers().workers().get(0);
    }

    /** The worker JVMs the connectors run in, for a stack started with external workers. */
    WorkerCluster workers() {
        return workers.orElseThrow(() -> new IllegalStateException("The connectors run in this JVM's worker; "
                + "start the stack with external workers to kill their workers"));
    }

    /** The REST API the connectors are managed through: this JVM's worker, or a running external worker. */
    ConnectRestClient rest() {
        return workers.map(WorkerCluster::rest).orElseGet(connect::rest);
    }

    /** The shipped Canal source (Debezium with the Canal step), writing to {@value #PIPELINE_PREFIX}.bench.*. */
    ConnectorConfig pipelineSource() {
        return ConnectorConfig.load(connectors.resolve("source-mariadb-canal.json"), values(PIPELINE_PREFIX, 5400));
    }

    /** The shipped FC sink, reading the pipeline source's topics and invoking the local endpoint. */
    ConnectorConfig sink() {
        return ConnectorConfig.load(connectors.resolve("sink-fc.json"), values(PIPELINE_PREFIX, 5400));
    }

    /**
     * The shipped source and sink as a pair of their own: topics under {@code topicPrefix}, connector names ending
     * in it (a connector of a name used before would resume from that one's offsets instead of copying).
     */
    List<ConnectorConfig> pipeline(String topicPrefix, int clientServerId) {
        Map<String, String> values = values(topicPrefix, clientServerId);
        return List.of("source-mariadb-canal.json", "sink-fc.json").stream()
                .map(file -> ConnectorConfig.load(connectors.resolve(file), values))
                .map(connector -> connector.with(connector.name() + "-" + topicPrefix, Map.of()))
                .toList();
    }

    /**
     * Debezium's MariaDB connector alone, with exactly the settings the shipped Canal source derives for it, writing
     * Debezium's own events to {@value #CEILING_PREFIX}.*: the pipeline's source without the Canal step.
     */
    ConnectorConfig ceilingSource() {
        return ceilingSource(CEILING_PREFIX, 5401);
    }

    /**
     * As {@link #ceilingSource()}, writing to {@code topicPrefix}.*; a prefix other than {@value #CEILING_PREFIX}
     * also ends the connector's name, so that it copies the table afresh instead of resuming another's offsets.
     */
    ConnectorConfig ceilingSource(String topicPrefix, int clientServerId) {
        ConnectorConfig canal = ConnectorConfig.load(connectors.resolve("source-mariadb-canal.json"),
                values(topicPrefix, clientServerId));
        Map<String, String> debezium = new LinkedHashMap<>(DebeziumSettings.derive(canal.config()).properties());
        debezium.keySet().removeIf(CanalSourceConfig.CONFIG_DEF.names()::contains);
        debezium.put("connector.class", MariaDbConnector.class.getName());
        // Debezium's own events need a JSON converter; the Canal source writes its key and value text with
        // StringConverter.
        String name = topicPrefix.equals(CEILING_PREFIX) ? "debezium-ceiling" : "debezium-ceiling-" + topicPrefix;
        return new ConnectorConfig(canal.name(), debezium).with(name, Map.of(
                "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable", "false",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false"));
    }

    /** Posts the connector and waits until it and its task run. */
    void post(ConnectorConfig connector) {
        rest().createOrUpdate(connector.name(), connector.config());
        rest().awaitRunning(connector.name(), 1, CONNECTOR_START_TIMEOUT);
    }

    /** Pauses the connectors and waits until their tasks stopped working. */
    void pause(ConnectorConfig... connectors) {
        for (ConnectorConfig connector : connectors) {
            rest().pause(connector.name());
        }
        for (ConnectorConfig connector : connectors) {
            awaitState(connector, "PAUSED");
        }
    }

    /** Resumes paused connectors; they pick up asynchronously. */
    void resume(ConnectorConfig... connectors) {
        for (ConnectorConfig connector : connectors) {
            rest().resume(connector.name());
        }
    }

    private void awaitState(ConnectorConfig connector, String state) {
        long deadline = System.nanoTime() + CONNECTOR_START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            var status = rest().status(connector.name());
            boolean tasksInState = status.path("tasks").size() > 0;
            for (var task : status.path("tasks")) {
                tasksInState &= state.equals(task.path("state").asText());
            }
            if (tasksInState && state.equals(status.path("connector").path("state").asText())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + connector.name() + " to be " + state, e);
            }
        }
        throw new IllegalStateException(connector.name() + " did not reach state " + state + " within "
                + CONNECTOR_START_TIMEOUT + ": " + rest().status(connector.name()));
    }

    void delete(ConnectorConfig connector) {
        rest().delete(connector.name());
    }

    static String topic(String prefix) {
        return prefix + "." + BenchTable.QUALIFIED;
    }

    @Override
    public void close() {
        workers.ifPresent(WorkerCluster::close);
        for (AutoCloseable component : new AutoCloseable[] {connect, endpoint, database}) {
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + component.getClass().getSimpleName() + ": " + e);
            }
        }
    }

    private Map<String, String> values(String topicPrefix, int clientServerId) {
        return Map.ofEntries(
                Map.entry("DB_HOST", database.host()),
                Map.entry("DB_PORT", Integer.toString(database.port())),
                Map.entry("DB_USER", DB_USER),
                Map.entry("DB_PASSWORD", DB_PASSWORD),
                Map.entry("DB_CLIENT_SERVER_ID", Integer.toString(clientServerId)),
                Map.entry("DATABASE", BenchTable.DATABASE),
                Map.entry("TOPIC_PREFIX", topicPrefix),
                Map.entry("KAFKA_BOOTSTRAP", connect.bootstrapServers()),
                Map.entry("FC_ENDPOINT", endpoint.url()),
                Map.entry("FC_SERVICE", endpoint.serviceName()),
                Map.entry("FC_FUNCTION", endpoint.functionName()),
                Map.entry("FC_ACCESS_KEY_ID", ACCESS_KEY_ID),
                Map.entry("FC_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET));
    }
}
