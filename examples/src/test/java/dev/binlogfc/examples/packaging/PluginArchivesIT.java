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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
class PluginArchivesIT {
    private static final List<String> ARCHIVES = List.of("binlogfc-connect-source-canal.zip", "binlogfc-connect-sink-fc.zip",
            "binlogfc-smt-etl.zip");
    private static final String ROW_FILTER = "dev.binlogfc.etl.filter.RowFilter";
    private static final String MASK_COLUMNS = "dev.binlogfc.etl.columns.MaskColumns";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalPipeline pipeline;

    @BeforeAll
    void startPipelineFromTheArchives(@TempDir Path pluginPath) throws IOException {
        for (String archive : ARCHIVES) {
            unzip(archivesDirectory().resolve(archive), pluginPath);
        }
        // hybrid_warn is Connect's default: it finds plugins with and without ServiceLoader manifests.
        ConnectStackOptions connect = new ConnectStackOptions()
                .workerProperty("plugin.path", pluginPath.toString())
                .workerProperty("plugin.discovery", "hybrid_warn");
        // An ETL chain on each side, from the smt-etl archive: the source masks a column after the Canal SMT, the
        // sink drops rows by a JEXL expression before delivery.
        pipeline = LocalPipeline.startWith(new PipelineOptions().connect(connect)
                .sourceProperty("transforms", "canal,maskSex")
                .sourceProperty("transforms.maskSex.type", MASK_COLUMNS)
                .sourceProperty("transforms.maskSex.columns", "sex")
                .sourceProperty("transforms.maskSex.fixed.value", "-")
                .sinkProperty("transforms", "olderThanTwelve")
                .sinkProperty("transforms.olderThanTwelve.type", ROW_FILTER)
                .sinkProperty("transforms.olderThanTwelve.expression", "data.age != '12'"));
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
                ROW_FILTER, "org.apache.commons.jexl3.JexlEngine")) {
            assertThatThrownBy(() -> Class.forName(plugin, false, classpath))
                    .as("%s must come from plugin.path only", plugin).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void eachArchiveIsOnePluginDirectoryInConfluentHubsLayout() throws IOException {
        for (String archive : ARCHIVES) {
            List<String> entries = new ArrayList<>();
            try (ZipFile zip = new ZipFile(archivesDirectory().resolve(archive).toFile())) {
                zip.stream().forEach(entry -> entries.add(entry.getName()));
                String root = archive.replace(".zip", "-" + System.getProperty("binlogfc.version") + "/");
                assertThat(entries).as(archive).allMatch(name -> name.startsWith(root))
                        .contains(root + "manifest.json", root + "doc/LICENSE", root + "doc/NOTICE")
                        .anyMatch(name -> name.matches(".*/lib/(connect-source-canal|connect-sink-fc|smt-etl)-.*\\.jar"))
                        .noneMatch(name -> name.matches(".*/lib/(connect-api|connect-runtime|kafka-clients|slf4j-api)-.*\\.jar"));
                JsonNode manifest = JSON.readTree(zip.getInputStream(zip.getEntry(root + "manifest.json")));
                assertThat(manifest.get("version").asText()).isEqualTo(System.getProperty("binlogfc.version"));
                assertThat(manifest.get("component_types")).isNotEmpty();
            }
        }
    }

    @Test
    void connectListsThePluginsWithTheirVersions() throws Exception {
        Map<String, JsonNode> plugins = new HashMap<>();
        for (JsonNode plugin : JSON.readTree(get("/connector-plugins?connectorsOnly=false"))) {
            plugins.put(plugin.get("class").asText(), plugin);
        }
        String version = System.getProperty("binlogfc.version");
        String debezium = System.getProperty("debezium.version");

        assertPlugin(plugins, "dev.binlogfc.sink.fc.FcSinkConnector", "sink", version);
        assertPlugin(plugins, "dev.binlogfc.source.canal.connector.CanalSourceConnector", "source", version);
        assertPlugin(plugins, "io.debezium.connector.mysql.MySqlConnector", "source", debezium);
        assertPlugin(plugins, "io.debezium.connector.mariadb.MariaDbConnector", "source", debezium);
        for (String transform : List.of("dev.binlogfc.source.canal.transform.CanalJsonTransform", ROW_FILTER,
                MASK_COLUMNS, "dev.binlogfc.etl.filter.OperationFilter", "dev.binlogfc.etl.columns.SelectColumns",
                "dev.binlogfc.etl.columns.RenameColumns", "dev.binlogfc.etl.route.RouteTables")) {
            assertThat(plugins).as("plugins Connect found").containsKey(transform);
            assertThat(plugins.get(transform).get("type").asText()).as("type of %s", transform)
                    .isEqualTo("transformation");
        }
    }

    @Test
    void theExampleConnectorsFromTheArchivesDeliverTheSnapshotAndChangesThroughBothEtlChains() throws Exception {
        pipeline.function().awaitRecords(1, Duration.ofSeconds(60));
        pipeline.database().execute(
                "UPDATE " + LocalPipeline.DATABASE + ".demoTable SET age = 11 WHERE name = 'xiaoming'",
                "UPDATE " + LocalPipeline.DATABASE + ".demoTable SET age = 13 WHERE name = 'xiaohong'");

        List<ReceivedBatch> batches = pipeline.function().awaitRecords(3, Duration.ofSeconds(60));

        // xiaohong's snapshot row (age 12) is the one the sink's filter drops; every row has sex masked.
        List<String> received = batches.stream().flatMap(batch -> batch.records().stream())
                .map(record -> record.get("type").asText() + " " + record.get("data").get(0).get("name").asText()
                        + " " + record.get("data").get(0).get("age").asText()
                        + " " + record.get("data").get(0).get("sex").asText())
                .toList();
        assertThat(received).containsExactlyInAnyOrder("INIT xiaoming 10 -", "UPDATE xiaoming 11 -",
                "UPDATE xiaohong 13 -");
    }

    private static Path archivesDirectory() {
        return Path.of(System.getProperty("binlogfc.plugin.archives", "../distribution/target"));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(pipeline.connect().restUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static void assertPlugin(Map<String, JsonNode> plugins, String className, String type, String version) {
        assertThat(plugins).as("plugins Connect found").containsKey(className);
        assertThat(plugins.get(className).get("type").asText()).as("type of %s", className).isEqualTo(type);
        assertThat(plugins.get(className).get("version").asText()).as("version of %s", className).isEqualTo(version);
    }

    private static void unzip(Path archive, Path into) throws IOException {
        assertThat(archive).as("built by the distribution module (mvn package)").isRegularFile();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException(archive + " has an entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }
}
