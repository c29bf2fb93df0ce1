package dev.binlogfc.examples.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docker/ checked without Docker (there is none on the build machine): the compose file parses and configures what
 * the pipeline needs, every host path it mounts is something the build produced, and post-connectors.sh posts
 * complete connector configs whose classes are in the mounted plugin archives and which point at the function
 * service as compose configures it.
 */
@Tag("integration")
class DockerSetupIT {
    private static final Path DOCKER = Path.of(System.getProperty("binlogfc.docker.dir", "../docker"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode compose = readCompose();

    @Test
    void mysqlHasTheBinlogSettingsTheSourceNeeds() {
        JsonNode mysql = service("mysql");
        assertThat(mysql.get("image").asText()).isEqualTo("mysql:8.4");
        assertThat(texts(mysql.get("command"))).contains("--binlog-format=ROW", "--binlog-row-image=FULL",
                "--gtid-mode=ON", "--enforce-gtid-consistency=ON").anyMatch(flag -> flag.matches("--server-id=[1-9][0-9]*"))
                .anyMatch(flag -> flag.startsWith("--log-bin"));
    }

    @Test
    void kafkaRunsInKraftMode() {
        JsonNode kafka = service("kafka");
        assertThat(kafka.get("image").asText()).startsWith("apache/kafka:");
        assertThat(kafka.get("environment").get("KAFKA_PROCESS_ROLES").asText()).contains("broker", "controller");
    }

    @Test
    void everyMountedHostPathIsInTheRepositoryOrBuiltByMaven() {
        List<String> mounts = new ArrayList<>();
        compose.get("services").forEach(service -> service.path("volumes").forEach(volume -> mounts.add(volume.asText())));

        assertThat(mounts).isNotEmpty().allSatisfy(mount ->
                assertThat(DOCKER.resolve(mount.split(":")[0])).as("host side of %s", mount).exists());
    }

    @Test
    void theWorkersPluginPathIsTheMountedArchives() throws IOException {
        Map<String, Path> connectMounts = mountsOf("connect");
        Properties worker = mountedProperties(connectMounts, "/etc/kafka-connect/worker.properties");
        assertThat(worker.getProperty("plugin.path").split(",")).as("source, sink and ETL plugins").hasSize(3);

        for (String entry : worker.getProperty("plugin.path").split(",")) {
            Path plugins = hostPath(connectMounts, entry.strip());
            try (Stream<Path> children = Files.list(plugins)) {
                assertThat(children.toList()).as("plugin.path entry %s holds one plugin directory", entry).singleElement()
                        .satisfies(plugin -> assertThat(plugin.resolve("manifest.json")).isRegularFile())
                        .satisfies(plugin -> assertThat(plugin.resolve("lib")).isDirectory());
            }
        }
    }

    @Test
    void theFunctionServiceStartsFromItsMountedClasspathWithTheComposeEnvironment() throws Exception {
        JsonNode function = service("function");
        assertThat(function.get("network_mode").asText()).as("the endpoint listens on 127.0.0.1").isEqualTo("service:connect");
        List<String> command = texts(function.get("command"));
        Path lib = hostPath(mountsOf("function"), command.get(command.indexOf("-cp") + 1).replace("/*", ""));
        List<String> hostCommand = new ArrayList<>(command);
        hostCommand.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        hostCommand.set(command.indexOf("-cp") + 1, lib.toAbsolutePath() + "/*");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(hostCommand).redirectErrorStream(true);
        function.get("environment").fields().forEachRemaining(e -> builder.environment().put(e.getKey(), e.getValue().asText()));
        builder.environment().put("FC_PORT", Integer.toString(port));
        Process service = builder.start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).startsWith("Function demoService/demoFunction listening on http://127.0.0.1:" + port);

            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/2016-08-15/services/demoService/functions/demoFunction/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Records\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).as("an unsigned invocation is refused as FC refuses it").isBetween(400, 499);
        } finally {
            service.destroy();
            service.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void postConnectorsPostsCompleteConfigsForThePluginsAndTheFunction() throws Exception {
        List<JsonNode> posted = runPostConnectors();

        assertThat(posted).extracting(request -> request.get("name").asText())
                .containsExactly("binlogfc-mysql-source", "binlogfc-fc-sink");
        Map<String, Path> plugins = mountsOf("connect");
        JsonNode source = posted.get(0).get("config");
        JsonNode sink = posted.get(1).get("config");
        assertThat(classIn(pluginLib(plugins, "/opt/connect-plugins/source"), source.get("connector.class").asText())).isTrue();
        assertThat(classIn(pluginLib(plugins, "/opt/connect-plugins/sink"), sink.get("connector.class").asText())).isTrue();
        assertThat(source.get("database.hostname").asText()).isEqualTo("mysql");
        assertThat(source.get("schema.history.internal.kafka.bootstrap.servers").asText()).isEqualTo("kafka:9092");

        JsonNode function = service("function").get("environment");
        assertThat(sink.get("fc.endpoint").asText()).isEqualTo("http://127.0.0.1:" + function.get("FC_PORT").asText());
        assertThat(sink.get("fc.service.name").asText()).isEqualTo(function.get("FC_SERVICE").asText());
        assertThat(sink.get("fc.function.name").asText()).isEqualTo(function.get("FC_FUNCTION").asText());
        assertThat(sink.get("fc.access.key.id").asText()).isEqualTo(function.get("FC_ACCESS_KEY_ID").asText());
        // The secrets are posted as references that the worker's FileConfigProvider resolves from its mounted file.
        Properties worker = mountedProperties(plugins, "/etc/kafka-connect/worker.properties");
        assertThat(worker.getProperty("config.providers")).isEqualTo("file");
        assertThat(worker.getProperty("config.providers.file.class"))
                .isEqualTo("org.apache.kafka.common.config.provider.FileConfigProvider");
        assertThat(resolveFileReference(plugins, sink.get("fc.access.key.secret").asText()))
                .isEqualTo(function.get("FC_ACCESS_KEY_SECRET").asText());
        assertThat(resolveFileReference(plugins, source.get("database.password").asText()))
                .as("the password docker/mysql/source-init.sql gives the binlogfc user")
                .isEqualTo("binlogfc-secret");
    }

    /** The value a {@code ${file:PATH:KEY}} reference names, read from the host side of the mount at PATH. */
    private static String resolveFileReference(Map<String, Path> mounts, String reference) throws IOException {
        Matcher file = Pattern.compile("\\$\\{file:(.+):([^:}]+)}").matcher(reference);
        assertThat(file.matches()).as("%s is a file config provider reference", reference).isTrue();
        String value = mountedProperties(mounts, file.group(1)).getProperty(file.group(2));
        assertThat(value).as("%s in %s", file.group(2), file.group(1)).isNotNull();
        return value;
    }

    private static Properties mountedProperties(Map<String, Path> mounts, String containerPath) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(hostPath(mounts, containerPath))) {
            properties.load(in);
        }
        return properties;
    }

    /** Runs the script against a stand-in Connect REST API on 127.0.0.1 and returns the request bodies it posted. */
    private static List<JsonNode> runPostConnectors() throws Exception {
        List<JsonNode> posted = new ArrayList<>();
        HttpServer connect = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        connect.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean post = exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/connectors");
            if (post) {
                synchronized (posted) {
                    posted.add(JSON.readTree(body));
                }
            }
            byte[] answer = (post ? new String(body, StandardCharsets.UTF_8) : "{\"version\":\"4.3.1\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(post ? 201 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        connect.start();
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", DOCKER.resolve("post-connectors.sh").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("CONNECT_URL", "http://127.0.0.1:" + connect.getAddress().getPort());
            Process script = builder.start();
            assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("post-connectors.sh finished").isTrue();
            assertThat(script.exitValue()).as("post-connectors.sh exit code").isZero();
        } finally {
            connect.stop(0);
        }
        return posted;
    }

    private JsonNode service(String name) {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isObject()).as("service %s in compose.yaml", name).isTrue();
        return service;
    }

    /** Container path to host path of a service's bind mounts. */
    private Map<String, Path> mountsOf(String serviceName) {
        Map<String, Path> mounts = new HashMap<>();
        service(serviceName).path("volumes").forEach(volume -> {
            String[] parts = volume.asText().split(":");
            mounts.put(parts[1], DOCKER.resolve(parts[0]));
        });
        return mounts;
    }

    private static Path hostPath(Map<String, Path> mounts, String containerPath) {
        assertThat(mounts).as("mounts").containsKey(containerPath);
        return mounts.get(containerPath);
    }

    private static Path pluginLib(Map<String, Path> mounts, String containerPath) throws IOException {
        try (Stream<Path> plugins = Files.list(hostPath(mounts, containerPath))) {
            return plugins.findFirst().orElseThrow().resolve("lib");
        }
    }

    private static boolean classIn(Path lib, String className) throws IOException {
        String entry = className.replace('.', '/') + ".class";
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    if (file.getEntry(entry) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static JsonNode readCompose() {
        try {
            return new YAMLMapper().readTree(DOCKER.resolve("compose.yaml").toFile());
        } catch (IOException e) {
            throw new AssertionError("docker/compose.yaml does not parse", e);
        }
    }
}
