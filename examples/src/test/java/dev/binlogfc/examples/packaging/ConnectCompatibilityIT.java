package dev.binlogfc.examples.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.binlogfc.examples.ConnectorTemplate;
import dev.binlogfc.examples.LocalPipeline;
import dev.binlogfc.teststack.connect.ConnectRestException;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.connect.ExternalWorker;
import dev.binlogfc.teststack.connect.KafkaTopics;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The supported Kafka Connect range: the built plugin archives on {@code plugin.path} of released Connect workers
 * ({@code connect-runtime} of each version in {@code connect.compat.versions}, resolved from Maven Central), each
 * worker in its own JVM on each JDK in {@code connect.compat.jdks}. On every pair the worker lists our plugins, and
 * the example connectors with an ETL chain on each side deliver a snapshot and changes to the function. One broker
 * (Kafka's current release), database and function endpoint serve all pairs; each pair has its own database,
 * topics and connectors. Runs in the {@code connect-compat} profile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@Tag("integration")
class ConnectCompatibilityIT {

    private static final List<String> CONNECTORS = List.of("dev.binlogfc.sink.fc.FcSinkConnector",
            "dev.binlogfc.source.canal.connector.CanalSourceConnector", "io.debezium.connector.mysql.MySqlConnector",
            "io.debezium.connector.mariadb.MariaDbConnector");
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(90);

    private final AtomicInteger pairs = new AtomicInteger();
    private Path pluginPath;
    private Path workDirectory;
    private MariaDbServer database;
    private FcLocalEndpoint function;
    private ConnectStack kafka;

    @BeforeAll
    void startSharedComponents(@TempDir Path directory) throws IOException {
        // The workers' logs outlive the run, for a failure's diagnosis.
        workDirectory = Files.createDirectories(Path.of("target", "connect-compat-" + System.currentTimeMillis()));
        pluginPath = Files.createDirectories(directory.resolve("plugins"));
        PluginArchives.installAll(pluginPath);
        writeLogConfigs(workDirectory);
        database = MariaDbServer.start(new MariaDbServerOptions().serverId(LocalPipeline.SOURCE_SERVER_ID));
        database.createDebeziumUser("binlogfc", "binlogfc-secret");
        function = FcLocalEndpoint.builder().service("demoService").function("demoFunction")
                .accessKey("local-access-key-id", "local-access-key-secret").start();
        kafka = ConnectStack.start();
    }

    @AfterAll
    void stopSharedComponents() {
        for (AutoCloseable component : new AutoCloseable[] {kafka, function, database}) {
            if (component != null) {
                try {
                    component.close();
                } catch (Exception e) {
                    System.err.println("Could not stop " + component + ": " + e);
                }
            }
        }
    }

    static Stream<Arguments> runtimes() {
        return pairs("connect.compat.versions", "3.1.2,3.9.1,4.0.0,4.1.1,4.3.1");
    }

    /** Connect releases newer than the Debezium release the source bundles supports. */
    static Stream<Arguments> runtimesNewerThanDebezium() {
        return pairs("connect.compat.newer.versions", "4.4.0");
    }

    private static Stream<Arguments> pairs(String versionsProperty, String defaultVersions) {
        List<Arguments> pairs = new ArrayList<>();
        for (String jdk : property("connect.compat.jdks", System.getProperty("java.home"))) {
            for (String version : property(versionsProperty, defaultVersions)) {
                pairs.add(Arguments.of(version, Path.of(jdk)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "Connect {0} on {1}")
    @MethodSource("runtimes")
    void thePluginsRunOnThisConnectAndJdk(String version, Path jdk) throws Exception {
        String label = newPair();
        try (ExternalWorker worker = startWorker(version, jdk, label)) {
            for (ConnectorTemplate connector : List.of(source(label), sink(label))) {
                worker.rest().awaitRunning(post(worker, label, connector), 1, Duration.ofSeconds(90));
            }
            awaitReceived(label, EtlChain.EXPECTED.subList(0, 1));
            EtlChain.change(database, label);

            assertThat(awaitReceived(label, EtlChain.EXPECTED)).as("see %s", worker.currentLog())
                    .containsExactlyInAnyOrderElementsOf(EtlChain.EXPECTED);
        }
    }

    /**
     * Debezium 3.5 calls {@code org.apache.kafka.common.utils.Sanitizer}, which Kafka 4.4 removed, so its connectors
     * (and the Canal source built on them) fail at task start there; the sink and the ETL transforms still run. This
     * pins down that boundary of the supported range: it fails once a Debezium upgrade moves it.
     */
    @ParameterizedTest(name = "Connect {0} on {1}: the sink and the ETL transforms run, Debezium 3.5's source not")
    @MethodSource("runtimesNewerThanDebezium")
    void onNewerConnectTheSinkAndTransformsRunButTheDebeziumSourceDoesNot(String version, Path jdk) throws Exception {
        String label = newPair();
        try (ExternalWorker worker = startWorker(version, jdk, label)) {
            worker.rest().awaitRunning(post(worker, label, sink(label)), 1, Duration.ofSeconds(90));

            assertThat(awaitFailedTaskTrace(worker, post(worker, label, source(label))))
                    .contains("NoClassDefFoundError: org/apache/kafka/common/utils/Sanitizer");

            String topic = label + "." + label + ".demoTable";
            new KafkaTopics(kafka.bootstrapServers()).create(topic, 1);
            CanalRowsProducer.send(kafka.bootstrapServers(), topic, label);
            assertThat(awaitReceived(label, EtlChain.EXPECTED)).as("see %s", worker.currentLog())
                    .containsExactlyInAnyOrderElementsOf(EtlChain.EXPECTED);
        }
    }

    private ExternalWorker startWorker(String version, Path jdk, String label) throws Exception {
        assertThat(jdk.resolve("bin").resolve("java")).as("JDK listed in connect.compat.jdks").isExecutable();
        Path logs = workDirectory.toAbsolutePath();
        ExternalWorker worker = new ExternalWorker(kafka.bootstrapServers(), workDirectory.resolve(label))
                .runtime(jdk, ConnectRuntime.classpath(version))
                .property("plugin.path", pluginPath.toString())
                .property("plugin.discovery", "hybrid_warn")
                .jvmOption("-Dlog4j.configuration=" + logs.resolve("log4j.properties").toUri())
                .jvmOption("-Dlog4j2.configurationFile=" + logs.resolve("log4j2.properties"));
        worker.start();
        try {
            assertPluginsListed(worker.rest().connectorPlugins(), version);
        } catch (AssertionError e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    /** The label of a new version/JDK pair ({@code compat<n>}), whose sample table is created in its own database. */
    private String newPair() {
        String label = "compat" + pairs.incrementAndGet();
        createSampleTable(label);
        return label;
    }

    private ConnectorTemplate source(String label) {
        return EtlChain.source(template("source-mariadb-canal.json", label));
    }

    private ConnectorTemplate sink(String label) {
        return EtlChain.sink(template("sink-fc.json", label));
    }

    /** An example connector for the pair {@code label}: its own database, topics and binlog client id. */
    private ConnectorTemplate template(String file, String label) {
        Map<String, String> values = new HashMap<>(LocalPipeline.placeholders(database, function,
                kafka.bootstrapServers()));
        values.put("DATABASE", label);
        values.put("TOPIC_PREFIX", label);
        values.put("DB_CLIENT_SERVER_ID", Integer.toString(5400 + Integer.parseInt(label.replace("compat", ""))));
        return ConnectorTemplate.load(file, values);
    }

    /** Creates the connector under a name of the pair's and returns that name. */
    private static String post(ExternalWorker worker, String label, ConnectorTemplate connector) {
        String name = label + "-" + connector.name();
        worker.rest().createOrUpdate(name, connector.config());
        return name;
    }

    private static String awaitFailedTaskTrace(ExternalWorker worker, String connector) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode task = statusOrEmpty(worker, connector).path("tasks").path(0);
            if ("FAILED".equals(task.path("state").asText())) {
                return task.path("trace").asText();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(connector + " did not fail within " + DELIVERY_TIMEOUT);
    }

    /** The connector's status, or an empty object while the worker has none yet (404 right after creation). */
    private static JsonNode statusOrEmpty(ExternalWorker worker, String connector) {
        try {
            return worker.rest().status(connector);
        } catch (ConnectRestException e) {
            if (e.status() != 404) {
                throw e;
            }
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private static void assertPluginsListed(JsonNode plugins, String version) {
        List<String> classes = new ArrayList<>();
        plugins.forEach(plugin -> classes.add(plugin.get("class").asText()));
        assertThat(classes).containsAll(CONNECTORS);
        // Workers before 3.2 (KIP-769) list connectors only; the data flow shows the transforms work there too.
        if (!version.matches("3\\.[01]\\..*")) {
            assertThat(classes).contains("dev.binlogfc.source.canal.transform.CanalJsonTransform")
                    .containsAll(EtlChain.TRANSFORMS);
        }
    }

    private void createSampleTable(String schema) {
        database.execute("CREATE DATABASE " + schema,
                "CREATE TABLE " + schema + ".demoTable (name VARCHAR(20) NOT NULL PRIMARY KEY, sex VARCHAR(10), age INT)",
                "INSERT INTO " + schema + ".demoTable VALUES ('xiaoming', 'man', 10), ('xiaohong', 'woman', 12)");
    }

    /** The records of {@code schema} once at least {@code expected.size()} have arrived, or at the timeout. */
    private List<String> awaitReceived(String schema, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        List<String> received = EtlChain.received(function.receivedBatches(), schema);
        while (received.size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            received = EtlChain.received(function.receivedBatches(), schema);
        }
        return received;
    }

    private static List<String> property(String name, String defaultValue) {
        return List.of(System.getProperty(name, defaultValue).split(","));
    }

    /** Worker logs at INFO: Connect 3.x logs through reload4j, 4.x through Log4j 2. */
    private static void writeLogConfigs(Path directory) throws IOException {
        Files.writeString(directory.resolve("log4j.properties"), String.join("\n",
                "log4j.rootLogger=INFO, stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n", ""));
        Files.writeString(directory.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "appender.stdout.type=Console",
                "appender.stdout.name=STDOUT",
                "appender.stdout.layout.type=PatternLayout",
                "appender.stdout.layout.pattern=[%d] %p %m (%c)%n", ""));
    }
}
