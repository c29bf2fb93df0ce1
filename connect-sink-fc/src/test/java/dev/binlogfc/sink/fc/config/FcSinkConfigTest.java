package dev.binlogfc.sink.fc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlogfc.sink.fc.invoke.InvocationType;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FcSinkConfigTest {

    private static Map<String, String> required() {
        Map<String, String> settings = new HashMap<>();
        settings.put("fc.endpoint", "https://1234567890.cn-hangzhou.fc.aliyuncs.com");
        settings.put("fc.service.name", "demo-service");
        settings.put("fc.function.name", "demo_function");
        settings.put("fc.access.key.id", "test-key");
        settings.put("fc.access.key.secret", "test-secret");
        return settings;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = required();
        settings.put(key, value);
        return settings;
    }

    @Test
    void appliesTheDocumentedDefaults() {
        FcSinkConfig config = new FcSinkConfig(required());

        assertThat(config.function().qualifier()).isEqualTo("LATEST");
        assertThat(config.function().type()).isEqualTo(InvocationType.SYNC);
        assertThat(config.batchLimits().maxRecords()).isEqualTo(500);
        assertThat(config.batchLimits().maxBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.connectionRetryWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(config.otherRetryWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.backoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.credentials().securityToken()).isNull();
    }

    @Test
    void buildsTheInvocationUriFromEndpointAndNames() {
        FcSinkConfig config = new FcSinkConfig(with("fc.endpoint", "http://127.0.0.1:9000/"));

        assertThat(config.function().invocationUri()).isEqualTo(URI.create(
            "http://127.0.0.1:9000/2016-08-15/services/demo-service.LATEST/functions/demo_function/invocations"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fc.endpoint", "fc.service.name", "fc.function.name", "fc.access.key.id",
        "fc.access.key.secret"})
    void requires(String key) {
        Map<String, String> settings = required();
        settings.remove(key);

        assertThatThrownBy(() -> new FcSinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "https://host/path", "https://host?x=1", "host.example.com", ""})
    void rejectsEndpointsThatAreNotBareHttpUrls(String endpoint) {
        assertThatThrownBy(() -> new FcSinkConfig(with("fc.endpoint", endpoint))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("fc.endpoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1service", "-service", "svc.alias", "svc/fn", ""})
    void rejectsNamesFcDoesNotAllow(String name) {
        assertThatThrownBy(() -> new FcSinkConfig(with("fc.service.name", name))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("letters, digits");
    }

    @Test
    void rejectsUnknownInvocationTypes() {
        assertThatThrownBy(() -> new FcSinkConfig(with("fc.invocation.type", "sync")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("fc.invocation.type");
    }

    @Test
    void rejectsABlankSecretAndABlankToken() {
        assertThatThrownBy(() -> new FcSinkConfig(with("fc.access.key.secret", " ")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("fc.access.key.secret");
        assertThatThrownBy(() -> new FcSinkConfig(with("fc.security.token", "")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("leave the setting out");
    }

    @Test
    void keepsSecretsOutOfStrings() {
        Map<String, String> settings = with("fc.security.token", "sts-token-value");
        FcSinkConfig config = new FcSinkConfig(settings);

        assertThat(config.credentials().accessKeySecret()).isEqualTo("test-secret");
        assertThat(config.credentials().securityToken()).isEqualTo("sts-token-value");
        assertThat(config.credentials().toString()).doesNotContain("test-secret", "sts-token-value");
        assertThat(config.values().toString()).doesNotContain("test-secret", "sts-token-value");
    }

    @Test
    void enforcesTheRetryWindowRanges() {
        assertThatThrownBy(() -> new FcSinkConfig(with("retry.connection.minutes", "9")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("retry.connection.minutes");
        assertThatThrownBy(() -> new FcSinkConfig(with("retry.other.minutes", "1441")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("retry.other.minutes");
    }

    @Test
    void refusesAnOtherWindowNotShorterThanTheConnectionWindow() {
        Map<String, String> settings = with("retry.connection.minutes", "10");
        settings.put("retry.other.minutes", "10");

        assertThatThrownBy(() -> new FcSinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("retry.other.minutes (10) must be shorter than retry.connection.minutes (10)");
    }

    @Test
    void refusesAsyncBatchesAboveFcsAsyncLimit() {
        Map<String, String> settings = with("fc.invocation.type", "Async");

        assertThatThrownBy(() -> new FcSinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("batch.max.bytes");
        settings.put("batch.max.bytes", "131072");
        assertThat(new FcSinkConfig(settings).function().type()).isEqualTo(InvocationType.ASYNC);
    }

    @Test
    void refusesAnInitialBackoffAboveTheMaximum() {
        Map<String, String> settings = with("retry.backoff.initial.ms", "5000");
        settings.put("retry.backoff.max.ms", "1000");

        assertThatThrownBy(() -> new FcSinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("retry.backoff.initial.ms (5000) must not exceed retry.backoff.max.ms (1000)");
    }

    @Test
    void documentsEveryKeyInAGroup() {
        assertThat(FcSinkConfig.CONFIG_DEF.configKeys().values()).allSatisfy(key -> {
            assertThat(key.documentation).isNotBlank();
            assertThat(key.group).isNotBlank();
            assertThat(key.validator).isNotNull();
        });
    }
}
