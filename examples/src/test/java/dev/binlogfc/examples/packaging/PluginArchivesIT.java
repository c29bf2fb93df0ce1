package dev.binlogfc.examples.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.examples.LocalPipeline;
import dev.binlogfc.examples.PipelineOptions;
import dev.binlogfc.teststack.connect.ConnectStackOptions;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin archives that {@code distribution} builds, installed as users install them: unzipped into a directory
 * on the worker's {@code plugin.path}, so that Connect loads each plugin in its own isolated class loader. The
 * failsafe configuration keeps our modules and Debezium off this test's classpath; the plugins exist only in the
 * archives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class PluginArchivesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE_CONFIG_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider";

    private LocalPipeline pipeline;

    @BeforeAll
    void startPipelineFromTheArchives(@TempDir Path directory) throws IOException {
        Path pluginPath = Files.createDirectories(directory.resolve("plugins"));
        PluginArchives.installAll(pluginPath);
        // The secrets live in a file only the worker reads; the posted configs name them (README, "Secrets").
        Path secrets = Files.writeString(directory.resolve("secrets.properties"),
                "database.password=binlogfc-secret\nfc.access.key.secret=local-access-key-secret\n");
        // hybrid_warn is Connect's default: it finds plugins with and without ServiceLoader manifests.
        ConnectStackOptions connect = new ConnectStackOptions()
                .workerProperty("plugin.path", pluginPath.toString())
                .workerProperty("plugin.discovery", "hybrid_warn")
                .workerProperty("config.providers", "file")
                .workerProperty("config.providers.file.class", FILE_CONFIG_PROVIDER);
        PipelineOptions options = new PipelineOptions().connect(connect)
                .sourceProperty("database.password", "${file:" + secrets + ":database.password}")
                .sinkProperty("fc.access.key.secret", "${file:" + secrets + ":fc.access.key.secret}");
        EtlChain.SOURCE.forEach(options::sourceProperty);
        EtlChain.SINK.forEach(options::sinkProperty);
        pipeline = LocalPipeline.startWith(options);
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void ourPluginsAreNotOnTheTestClasspath() {
        ClassLoader classpath = getClass().getClassLoader();
        for (String plugin : List.of("dev.binlogfc.sink.fc.FcSinkConnector",
                "dev.binlogfc.source.canal.transform.CanalJsonTransform", "io.debezium.connector.mariadb.MariaDbConnector",
                EtlChain.ROW_FILTER, "org.apache.commons.jexl3.JexlEngine")) {
            assertThatThrownBy(() -> Class.forName(plugin, false, classpath))
                    .as("%s must come from plugin.path only", plugin).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void eachArchiveIsOnePluginDirectoryInConfluentHubsLayout() throws IOException {
        for (String archive : PluginArchives.ARCHIVES) {
            List<String> entries = new ArrayList<>();
            try (ZipFile zip = new ZipFile(PluginArchives.directory().resolve(archive).toFile())) {
                zip.stream().forEach(entry -> entries.add(entry.getName()));
                String root = archive.replace(".zip", "-" + System.getProperty("binlogfc.version") + "/");
                assertThat(entries).as(archive).allMatch(name -> name.startsWith(root))
                        .contains(root + "manifest.json", root + "doc/LICENSE", root + "doc/NOTICE")
                        .anyMatch(name -> name.matches(".*/lib/(connect-source-canal|connect-sink-fc|smt-etl)-.*\\.jar"))
                        // Each plugin's class loader sees only its own lib/, so each bundles the shared module.
                        .anyMatch(name -> name.matches(".*/lib/connect-common-.*\\.jar"))
                        .noneMatch(name -> name.matches(".*/lib/(connect-api|connect-runtime|kafka-clients|slf4j-api)-.*\\.jar"));
                if (archive.contains("smt-etl")) {
                    // Workers provide neither JEXL nor the Commons Logging it logs through.
                    assertThat(entries).anyMatch(name -> name.matches(".*/lib/commons-jexl3-.*\\.jar"))
                            .anyMatch(name -> name.matches(".*/lib/commons-logging-.*\\.jar"));
                }
                if (archive.contains("sink")) {
                    // Alibaba's credentials library and the HTTP client and Kotlin runtime its Tea core runs on.
                    for (String jar : List.of("credentials-java", "credentials-api", "tea", "okhttp", "okio-jvm",
                            "kotlin-stdlib", "gson", "commons-codec")) {
                        assertThat(entries).as(archive).anyMatch(name -> name.matches(".*/lib/" + jar + "-[0-9].*\\.jar"));
                    }
                }
                JsonNode manifest = JSON.readTree(zip.getInputStream(zip.getEntry(root + "manifest.json")));
                assertThat(manifest.get("version").asText()).isEqualTo(System.getProperty("binlogfc.version"));
                assertThat(manifest.get("component_types")).isNotEmpty();
            }
        }
    }

    @Test
    void connectListsThePluginsWithTheirVersions() throws Exception {
        Map<String, JsonNode> plugins = new HashMap<>();
        for (JsonNode plugin : pipeline.connect().rest().connectorPlugins()) {
            plugins.put(plugin.get("class").asText(), plugin);
        }
        String version = System.getProperty("binlogfc.version");
        String debezium = System.getProperty("debezium.version");

        assertPlugin(plugins, "dev.binlogfc.sink.fc.FcSinkConnector", "sink", version);
        assertPlugin(plugins, "dev.binlogfc.source.canal.connector.CanalSourceConnector", "source", version);
        assertPlugin(plugins, "io.debezium.connector.mysql.MySqlConnector", "source", debezium);
        assertPlugin(plugins, "io.debezium.connector.mariadb.MariaDbConnector", "source", debezium);
        // The transforms report the version their jar's manifest carries (Versioned).
        assertPlugin(plugins, "dev.binlogfc.source.canal.transform.CanalJsonTransform", "transformation", version);
        assertPlugin(plugins, "dev.binlogfc.source.canal.limit.RecordSizeLimit", "transformation", version);
        for (String transform : EtlChain.TRANSFORMS) {
            assertPlugin(plugins, transform, "transformation", version);
        }
    }

    @Test
    void theExampleConnectorsFromTheArchivesDeliverTheSnapshotAndChangesThroughBothEtlChains() throws Exception {
        pipeline.function().awaitRecords(1, Duration.ofSeconds(60));
        EtlChain.change(pipeline.database(), LocalPipeline.DATABASE);

        List<ReceivedBatch> batches = pipeline.function().awaitRecords(EtlChain.EXPECTED.size(), Duration.ofSeconds(60));

        assertThat(EtlChain.received(batches, LocalPipeline.DATABASE))
                .containsExactlyInAnyOrderElementsOf(EtlChain.EXPECTED);
    }

    @Test
    void theSecretsComeFromTheFileAndTheConnectorConfigsHoldOnlyReferences() {
        JsonNode source = pipeline.connect().rest().config(pipeline.source().name());
        JsonNode sink = pipeline.connect().rest().config(pipeline.sink().name());

        // The snapshot reaching the function (the delivery test) proves both resolved: a wrong database password
        // fails the source's login, a wrong key secret fails the function endpoint's signature check.
        assertThat(source.get("database.password").asText()).startsWith("${file:").endsWith(":database.password}");
        assertThat(sink.get("fc.access.key.secret").asText()).startsWith("${file:").endsWith(":fc.access.key.secret}");
        assertThat(source.toString() + sink).doesNotContain("binlogfc-secret", "local-access-key-secret");
    }

    private static void assertPlugin(Map<String, JsonNode> plugins, String className, String type, String version) {
        assertThat(plugins).as("plugins Connect found").containsKey(className);
        assertThat(plugins.get(className).get("type").asText()).as("type of %s", className).isEqualTo(type);
        assertThat(plugins.get(className).get("version").asText()).as("version of %s", className).isEqualTo(version);
    }
}
