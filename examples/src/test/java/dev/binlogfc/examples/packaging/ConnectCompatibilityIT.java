package dev.binlogfc.examples.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.examples.ConnectorTemplate;
import dev.binlogfc.examples.LocalPipeline;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.connect.ExternalWorker;
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
@Timeout(value = 4, unit = TimeUnit.MINUTES)
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
        List<Arguments> pairs = new ArrayList<>();
        for (String jdk : property("connect.compat.jdks", System.getProperty("java.home"))) {
            for (String version : property("connect.compat.versions", "3.1.2,3.9.1,4.0.0,4.1.1,4.4.0")) {
                pairs.add(Arguments.of(version, Path.of(jdk)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "Connect {0} on {1}")
    @MethodSource("runtimes")
    void thePluginsRunOnThisConnectAndJdk(String version, Path jdk) throws Exception {
        assertThat(jdk.resolve("bin").resolve("java")).as("JDK listed in connect.compat.jdks").isExecutable();
        int pair = pairs.incrementAndGet();
        String label = "compat" + pair;
        createSampleTable(label);
        Path directory = workDirectory.resolve(label);
        try (ExternalWorker worker = new ExternalWorker(kafka.bootstrapServers(), directory)
                .runtime(jdk, ConnectRuntime.classpath(version))
                .property("plugin.path", pluginPath.toString())
                .property("plugin.discovery", "hybrid_warn")
                .jvmOption("-Dlog4j.configuration=" + workDirectory.toAbsolutePath().resolve("log4j.properties").toUri())
                .jvmOption("-Dlog4j2.configurationFile=" + workDirectory.toAbsolutePath().resolve("log4j2.properties"))) {
            worker.start();

            assertPluginsListed(worker.rest().connectorPlugins(), version);

            Map<String, String> values = new HashMap<>(LocalPipeline.placeholders(database, function,
                    kafka.bootstrapServers()));
            values.put("DATABASE", label);
            values.put("TOPIC_PREFIX", label);
            values.put("DB_CLIENT_SERVER_ID", Integer.toString(5400 + pair));
            ConnectorTemplate source = EtlChain.source(ConnectorTemplate.load("source-mariadb-canal.json", values));
            ConnectorTemplate sink = EtlChain.sink(ConnectorTemplate.load("sink-fc.json", values));
            for (ConnectorTemplate connector : List.of(source, sink)) {
                worker.rest().createOrUpdate(label + "-" + connector.name(), connector.config());
                worker.rest().awaitRunning(label + "-" + connector.name(), 1, Duration.ofSeconds(90));
            }
            awaitReceived(label, EtlChain.EXPECTED.subList(0, 1));
            EtlChain.change(database, label);

            assertThat(awaitReceived(label, EtlChain.EXPECTED)).as("see %s", worker.currentLog())
                    .containsExactlyInAnyOrderElementsOf(EtlChain.EXPECTED);
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
