package dev.binlogfc.sink.fc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.sink.fc.auth.JvmNetworkSettings;
import dev.binlogfc.sink.fc.auth.LocalCredentialIssuer;
import dev.binlogfc.sink.fc.net.LocalProxy;
import dev.binlogfc.sink.fc.net.TestCertificates;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.connect.ConnectStackOptions;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import dev.binlogfc.teststack.logging.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.logging.log4j.Level;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the sink in a Connect worker with every kind of secret it takes (AccessKey secret, one of them through a
 * config provider, STS token, credentials STS issues, bearer token, secret header, proxy and trust store
 * passwords) through validation, start, retries, delivery and a failed task, with the sink's, Connect's,
 * HttpClient's (but its header and wire traces) and the credentials library's loggers at DEBUG; no secret may
 * appear in any log line, validation answer or task status.
 */
@Tag("integration")
class SecretsNeverLoggedTest {

    private static final String AK_SECRET = "ak-secret-91f3c0";
    private static final String STS_TOKEN = "sts-token-5b7e21";
    private static final String BEARER = "bearer-token-c4d8a9";
    private static final String API_KEY = "api-key-value-77e0b3";
    private static final String PROXY_PASSWORD = "proxy-password-2a6f";
    private static final String WRONG_SECRET = "wrong-secret-e81d4c";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void noSecretAppearsInLogsValidationAnswersOrTaskStatuses() throws Exception {
        Map<String, Level> debug = new HashMap<>();
        for (String logger : List.of("dev.binlogfc", "org.apache.kafka.connect", "com.aliyun", "org.apache.hc")) {
            debug.put(logger, Level.DEBUG);
        }
        // HttpClient's wire-trace loggers print every header byte for byte, by design and unmaskable; the README
        // says to keep them below DEBUG. All of HttpClient's other loggers are scanned at DEBUG.
        debug.put("org.apache.hc.client5.http.headers", Level.INFO);
        debug.put("org.apache.hc.client5.http.wire", Level.INFO);
        List<String> answers = new ArrayList<>();
        TestCertificates certificates = new TestCertificates("secret scan CA");
        Path secrets = Files.writeString(dir.resolve("fc-secrets.properties"), "ak.secret=" + AK_SECRET + "\n");
        try (LogCapture logs = new LogCapture(debug);
             FcLocalEndpoint fc = FcLocalEndpoint.builder().service("svc").function("fn")
                 .accessKey("test-key", AK_SECRET).securityToken(STS_TOKEN).webhook("/hook", BEARER).start();
             LocalCredentialIssuer sts = new LocalCredentialIssuer(fc, Duration.ofMinutes(10),
                 TestCertificates.serverContext(certificates.issue("127.0.0.1", KeyPurposeId.id_kp_serverAuth,
                     "127.0.0.1"), null));
             JvmNetworkSettings jvm = new JvmNetworkSettings().trustOnly(TestCertificates.write(
                 certificates.trustStore(), dir.resolve("trust.p12")), TestCertificates.PASSWORD);
             LocalProxy proxy = new LocalProxy("proxy-user", PROXY_PASSWORD);
             ConnectStack stack = ConnectStack.start(new ConnectStackOptions()
                 .workerProperty("config.providers", "file")
                 .workerProperty("config.providers.file.class",
                     "org.apache.kafka.common.config.provider.FileConfigProvider"))) {
            Map<String, Map<String, String>> connectors = new HashMap<>();
            Map<String, String> withToken = fcConnector(fc, "fc2", "scan.a");
            withToken.put("fc.access.key.secret", "${file:" + secrets + ":ak.secret}");
            withToken.put("fc.security.token", STS_TOKEN);
            connectors.put("with-sts-token", withToken);
            Map<String, String> assumed = fcConnector(fc, "fc3", "scan.b");
            assumed.put("fc.credentials.type", "ram-role-arn");
            assumed.put("fc.role.arn", "acs:ram::1:role/scan");
            assumed.put("fc.sts.endpoint", sts.hostAndPort());
            assumed.put("fc.access.key.secret", AK_SECRET);
            connectors.put("assumed-role", assumed);
            Map<String, String> webhook = connector("scan.c");
            webhook.put("target.type", "http");
            webhook.put("http.url", fc.webhookUrl());
            webhook.put("http.bearer.token", BEARER);
            webhook.put("http.secret.headers", "X-Api-Key: " + API_KEY);
            webhook.put("http.proxy.host", "127.0.0.1");
            webhook.put("http.proxy.port", Integer.toString(proxy.port()));
            webhook.put("http.proxy.username", "proxy-user");
            webhook.put("http.proxy.password", PROXY_PASSWORD);
            webhook.put("http.ssl.truststore.password", TestCertificates.PASSWORD);
            connectors.put("webhook", webhook);
            Map<String, String> wrong = fcConnector(fc, "fc2", "scan.d");
            wrong.put("fc.access.key.secret", WRONG_SECRET);
            wrong.put("fc.security.token", STS_TOKEN);

            List<Map<String, String>> validated = new ArrayList<>(connectors.values());
            validated.add(wrong);
            for (Map<String, String> connector : validated) {
                Map<String, String> config = new HashMap<>(connector);
                config.put("name", "validated");
                answers.add(stack.rest().validate(FcSinkConnector.class.getName(), config).toString());
                config.put("http.secret.headers", "X-Api-Key " + API_KEY);
                answers.add(stack.rest().validate(FcSinkConnector.class.getName(), config).toString());
            }
            for (String topic : List.of("scan.a", "scan.b", "scan.c", "scan.d")) {
                stack.topics().create(topic, 1);
            }
            fc.faults().failNext(3, 503);
            produce(stack, List.of("scan.a", "scan.b", "scan.c"));
            connectors.forEach((name, config) -> stack.rest().createOrUpdate(name, config));
            SinkTaskHarness.await(() -> fc.receivedBatches().stream().mapToInt(batch -> batch.recordCount()).sum()
                >= 9, "the records of the three connectors");

            // A task whose credentials FC stops accepting fails, with FC's answer in its status.
            Map<String, String> revoked = fcConnector(fc, "fc2", "scan.d");
            revoked.put("fc.access.key.secret", AK_SECRET);
            revoked.put("fc.security.token", STS_TOKEN);
            connectors.put("revoked", revoked);
            stack.rest().createOrUpdate("revoked", revoked);
            stack.rest().awaitRunning("revoked", 1, TIMEOUT);
            fc.revoke("test-key");
            produce(stack, List.of("scan.d"));
            SinkTaskHarness.await(() -> taskState(stack, "revoked").equals("FAILED"), "the failed task");
            for (String name : connectors.keySet()) {
                answers.add(stack.rest().status(name).toString());
            }

            assertThat(String.join("\n", answers)).contains("SignatureNotMatch", "InvalidSecurityToken")
                .doesNotContain(AK_SECRET, STS_TOKEN, BEARER, API_KEY, PROXY_PASSWORD, WRONG_SECRET,
                    TestCertificates.PASSWORD, "issued-secret-", "issued-token-");
            assertThat(logs.lines()).as("captured log lines").hasSizeGreaterThan(100)
                .noneSatisfy(line -> assertThat(line).containsAnyOf(AK_SECRET, STS_TOKEN, BEARER, API_KEY,
                    PROXY_PASSWORD, WRONG_SECRET, TestCertificates.PASSWORD, "issued-secret-", "issued-token-"));
        }
    }

    private static String taskState(ConnectStack stack, String connector) {
        JsonNode tasks = stack.rest().status(connector).path("tasks");
        return tasks.isEmpty() ? "" : tasks.get(0).path("state").asText();
    }

    private static Map<String, String> fcConnector(FcLocalEndpoint fc, String targetType, String topic) {
        Map<String, String> config = connector(topic);
        config.put("target.type", targetType);
        config.put("fc.endpoint", fc.url());
        config.put("fc.service.name", fc.serviceName());
        config.put("fc.function.name", fc.functionName());
        config.put("fc.access.key.id", "test-key");
        config.put("retry.backoff.initial.ms", "100");
        config.put("retry.backoff.max.ms", "200");
        return config;
    }

    private static Map<String, String> connector(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FcSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static void produce(ConnectStack stack, List<String> topics) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (String topic : topics) {
                for (int id = 0; id < 3; id++) {
                    producer.send(new ProducerRecord<>(topic, "key", JSON.writeValueAsString(Map.of("id", id,
                        "database", "shop", "table", "orders", "type", "INSERT", "es", 0, "ts", 0,
                        "data", List.of(Map.of("note", topic))))));
                }
            }
            producer.flush();
        }
    }
}
