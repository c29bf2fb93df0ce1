package dev.binlogfc.sink.fc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector's validation tests the target like DTS's "Test Connectivity": FC's GetFunction (or OPTIONS for a
 * webhook) without invoking anything, each failure reported on the setting to change.
 */
class FcSinkConnectivityTest {

    private FcLocalEndpoint fc;

    @BeforeEach
    void startEndpoint() throws IOException {
        fc = FcLocalEndpoint.builder().service("demo-service").function("demo-function").qualifier("prod")
            .accessKey("test-key", "test-secret").webhook("/hooks/orders", "hook-token").start();
    }

    @AfterEach
    void stopEndpoint() {
        fc.close();
    }

    private Map<String, String> fc2Settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("fc.endpoint", fc.url());
        settings.put("fc.service.name", "demo-service");
        settings.put("fc.function.name", "demo-function");
        settings.put("fc.qualifier", "prod");
        settings.put("fc.access.key.id", "test-key");
        settings.put("fc.access.key.secret", "test-secret");
        return settings;
    }

    private Map<String, String> fc3Settings() {
        Map<String, String> settings = fc2Settings();
        settings.put("target.type", "fc3");
        settings.remove("fc.service.name");
        return settings;
    }

    private Map<String, String> httpSettings(String token) {
        return new HashMap<>(Map.of("target.type", "http", "http.url", fc.webhookUrl(), "http.bearer.token", token));
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        settings.put(key, value);
        return settings;
    }

    private static Map<String, List<String>> errors(Config result) {
        return result.configValues().stream().filter(value -> !value.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static Map<String, List<String>> errors(Map<String, String> settings) {
        return errors(new FcSinkConnector().validate(settings));
    }

    private static Object warnings(Config result) {
        return result.configValues().stream().filter(value -> value.name().equals(FcSinkConnector.PRECHECK_WARNINGS))
            .findFirst().orElseThrow().value();
    }

    @Test
    void validFc2SettingsPassWithoutInvokingTheFunction() {
        Config result = new FcSinkConnector().validate(fc2Settings());

        assertThat(errors(result)).isEmpty();
        assertThat(warnings(result)).isEqualTo("");
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void aWrongSecretIsReportedOnTheAccessKeyIdWithFcsAnswer() {
        Map<String, List<String>> errors = errors(with(fc2Settings(), "fc.access.key.secret", "wrong-secret"));

        assertThat(errors).containsOnlyKeys("fc.access.key.id");
        assertThat(errors.get("fc.access.key.id")).singleElement().asString()
            .contains("GetFunction", "HTTP 403", "SignatureNotMatch", "fc.access.key.secret");
    }

    @Test
    void anUnknownAccessKeyIdIsReportedOnIt() {
        assertThat(errors(with(fc2Settings(), "fc.access.key.id", "other-key")).get("fc.access.key.id"))
            .singleElement().asString().contains("InvalidAccessKeyID", "other-key");
    }

    @Test
    void anUnknownServiceIsReportedOnTheServiceName() {
        Map<String, List<String>> errors = errors(with(fc2Settings(), "fc.service.name", "other-service"));

        assertThat(errors).containsOnlyKeys("fc.service.name");
        assertThat(errors.get("fc.service.name")).singleElement().asString()
            .contains("HTTP 404", "ServiceNotFound", "other-service", "fc.endpoint");
    }

    @Test
    void anUnknownFunctionIsReportedOnTheFunctionName() {
        Map<String, List<String>> errors = errors(with(fc2Settings(), "fc.function.name", "other-function"));

        assertThat(errors).containsOnlyKeys("fc.function.name");
        assertThat(errors.get("fc.function.name")).singleElement().asString()
            .contains("FunctionNotFound", "other-function");
    }

    @Test
    void anUnknownAliasOrVersionIsReportedOnTheQualifier() {
        assertThat(errors(with(fc2Settings(), "fc.qualifier", "staging")).get("fc.qualifier")).singleElement()
            .asString().contains("AliasNotFound", "staging", "LATEST");
        assertThat(errors(with(fc2Settings(), "fc.qualifier", "7")).get("fc.qualifier")).singleElement()
            .asString().contains("VersionNotFound");
    }

    @Test
    void anEndpointNobodyListensOnIsReportedOnTheEndpoint() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Map<String, List<String>> errors = errors(with(fc2Settings(), "fc.endpoint",
            "http://127.0.0.1:" + closedPort));

        assertThat(errors).containsOnlyKeys("fc.endpoint");
        assertThat(errors.get("fc.endpoint")).singleElement().asString()
            .contains("could not be reached", "127.0.0.1:" + closedPort, "http.connect.timeout.ms");
    }

    @Test
    void anEndpointThatDoesNotAnswerInTimeIsReportedOnTheEndpoint() {
        fc.faults().delayResponses(Duration.ofMillis(1500));

        Map<String, List<String>> errors = errors(with(fc2Settings(), "http.response.timeout.ms", "300"));

        assertThat(errors).containsOnlyKeys("fc.endpoint");
        assertThat(errors.get("fc.endpoint")).singleElement().asString().contains("did not answer within 300 ms");
    }

    @Test
    void anAccessKeyThatMayInvokeButNotReadTheFunctionPassesWithAWarning() throws IOException {
        try (FcLocalEndpoint invokeOnly = FcLocalEndpoint.builder().service("demo-service")
            .function("demo-function").qualifier("prod").accessKey("test-key", "test-secret").denyGetFunction()
            .start()) {
            Config result = new FcSinkConnector().validate(with(fc2Settings(), "fc.endpoint", invokeOnly.url()));

            assertThat(errors(result)).isEmpty();
            assertThat(warnings(result)).asString().contains("AccessDenied", "fc:GetFunction");
        }
    }

    @Test
    void settingsWithErrorsAreNotTestedAgainstTheTarget() {
        Map<String, String> settings = with(fc2Settings(), "fc.access.key.secret", "wrong-secret");
        settings.put("batch.max.records", "0");

        assertThat(errors(settings)).containsOnlyKeys("batch.max.records");
    }

    @Test
    void fc3IsTestedWithGetFunctionOfTheQualifier() {
        assertThat(errors(fc3Settings())).isEmpty();
        assertThat(errors(with(fc3Settings(), "fc.qualifier", "staging")).get("fc.qualifier")).singleElement()
            .asString().contains("AliasNotFound");
        assertThat(errors(with(fc3Settings(), "fc.function.name", "other")).get("fc.function.name"))
            .singleElement().asString().contains("FunctionNotFound");
        assertThat(errors(with(fc3Settings(), "fc.access.key.secret", "wrong")).get("fc.access.key.id"))
            .singleElement().asString().contains("SignatureNotMatch");
        assertThat(errors(with(fc3Settings(), "fc.security.token", "unexpected-token")).get("fc.security.token"))
            .singleElement().asString().contains("InvalidSecurityToken");
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void aWebhookIsTestedWithOptionsAndItsBearerToken() throws IOException {
        assertThat(errors(httpSettings("hook-token"))).isEmpty();
        assertThat(errors(httpSettings("wrong-token")).get("http.bearer.token")).singleElement().asString()
            .contains("OPTIONS", "HTTP 401", "http.bearer.token");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(errors(with(httpSettings("hook-token"), "http.url", "http://127.0.0.1:" + closedPort + "/hook"))
            .get("http.url")).singleElement().asString().contains("could not be reached");
        assertThat(fc.receivedBatches()).isEmpty();
    }
}
