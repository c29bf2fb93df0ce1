package dev.binlogfc.sink.fc.config;

import dev.binlogfc.sink.fc.auth.CredentialsType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.sink.fc.delivery.AnswerPolicy;
import dev.binlogfc.sink.fc.delivery.DeliveryOrder;
import dev.binlogfc.sink.fc.delivery.RetryBudget;
import dev.binlogfc.sink.fc.invoke.InvocationType;
import dev.binlogfc.sink.fc.throttle.ThrottleLimits;
import dev.binlogfc.teststack.logging.LogCapture;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.logging.log4j.Level;
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
        assertThat(config.batchLimits().maxRecords()).isEqualTo(2000);
        assertThat(config.batchLimits().maxBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.connectionRetryWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(config.otherRetryWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.backoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.credentialSettings().securityToken()).isNull();
        assertThat(config.credentialSettings().type()).isEqualTo(CredentialsType.ACCESS_KEY);
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
        assertThatThrownBy(() -> new FcSinkConfig(with("fc.invocation.type", "synchronous")))
            .isInstanceOf(ConfigException.class).hasMessageContainingAll("fc.invocation.type", "sync, async");
    }

    @Test
    void acceptsTheSpellingsOfEarlierVersionsWithADeprecationWarning() {
        Map<String, String> settings = with("fc.invocation.type", "Async");
        settings.put("batch.max.bytes", "131072");
        settings.put("target.type", "FC2");
        settings.put("fc.credentials.type", "access_key");
        settings.put("delivery.order", "KEY");

        try (LogCapture log = new LogCapture(Map.of(EnumChoice.class.getName(), Level.WARN))) {
            FcSinkConfig config = new FcSinkConfig(settings);

            assertThat(config.function().type()).isEqualTo(InvocationType.ASYNC);
            assertThat(config.targetType()).isEqualTo(TargetType.FC2);
            assertThat(config.credentialSettings().type()).isEqualTo(CredentialsType.ACCESS_KEY);
            assertThat(config.deliverySettings().order()).isEqualTo(DeliveryOrder.KEY);
            assertThat(log.linesOf(EnumChoice.class.getName())).hasSize(4).anySatisfy(line -> assertThat(line)
                .contains("fc.invocation.type=Async", "deprecated", "fc.invocation.type=async"))
                .anySatisfy(line -> assertThat(line).contains("fc.credentials.type=access_key",
                    "fc.credentials.type=access-key"));
        }
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

        assertThat(config.credentialSettings().accessKeySecret()).isEqualTo("test-secret");
        assertThat(config.credentialSettings().securityToken()).isEqualTo("sts-token-value");
        assertThat(config.credentialSettings().toString()).doesNotContain("test-secret", "sts-token-value");
        assertThat(config.target().toString()).doesNotContain("test-secret", "sts-token-value");
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
        Map<String, String> settings = with("fc.invocation.type", "async");

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

    @Test
    void appliesTheDeliveryDefaults() {
        FcSinkConfig config = new FcSinkConfig(required());

        assertThat(config.targetType()).isEqualTo(TargetType.FC2);
        assertThat(config.deliverySettings().linger()).isEqualTo(Duration.ZERO);
        assertThat(config.deliverySettings().maxConcurrentInvocations()).isEqualTo(4);
        assertThat(config.bufferMaxRecords()).isEqualTo(20_000);
        assertThat(config.initThrottle()).isEqualTo(new ThrottleLimits(0, 0));
        assertThat(config.incrementalThrottle()).isEqualTo(new ThrottleLimits(0, 0));
    }

    @Test
    void readsTheThrottleLimitsPerKindOfRecord() {
        Map<String, String> settings = with("throttle.init.records.per.second", "5000");
        settings.put("throttle.incremental.mb.per.second", "2.5");

        FcSinkConfig config = new FcSinkConfig(settings);

        assertThat(config.initThrottle().recordsPerSecond()).isEqualTo(5000);
        assertThat(config.incrementalThrottle().bytesPerSecond()).isEqualTo(2.5 * 1024 * 1024);
        assertThatThrownBy(() -> new FcSinkConfig(with("throttle.init.mb.per.second", "-1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("throttle.init.mb.per.second");
    }

    @Test
    void boundsTheConcurrency() {
        assertThatThrownBy(() -> new FcSinkConfig(with("max.concurrent.invocations", "0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("max.concurrent.invocations");
    }

    @Test
    void requiresTheSettingsOfTheChosenTargetOnly() {
        Map<String, String> fc3 = with("target.type", "fc3");
        fc3.remove("fc.service.name");
        assertThat(new FcSinkConfig(fc3).target().toString()).startsWith("FC 3.0 function demo_function");

        Map<String, String> fc2 = required();
        fc2.remove("fc.service.name");
        assertThatThrownBy(() -> new FcSinkConfig(fc2)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("fc.service.name is required with target.type=fc2");

        Map<String, String> http = new HashMap<>(Map.of("target.type", "http"));
        assertThatThrownBy(() -> new FcSinkConfig(http)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("http.url is required with target.type=http");
        http.put("http.url", "https://hooks.example.com/orders?key=abc");
        assertThat(new FcSinkConfig(http).target().toString())
            .isEqualTo("HTTP endpoint https://hooks.example.com/orders");
    }

    @Test
    void keepsTheBearerTokenOutOfHeadersAndStrings() {
        Map<String, String> settings = new HashMap<>(Map.of("target.type", "http", "http.url",
            "https://hooks.example.com/orders", "http.headers", "Authorization: Bearer abc"));
        assertThatThrownBy(() -> new FcSinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("http.bearer.token").hasMessageNotContaining("abc");

        settings.put("http.headers", "X-Tenant: shop");
        settings.put("http.bearer.token", "secret-token");
        assertThat(new FcSinkConfig(settings).values().toString()).doesNotContain("secret-token");
        settings.put("http.headers", "no colon");
        assertThatThrownBy(() -> new FcSinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("'Name: Value'");
    }

    @Test
    void leavesRejectedBatchesToTheRetryWindowAndFailsTheTaskUnlessToldOtherwise() {
        FcSinkConfig config = new FcSinkConfig(required());

        assertThat(config.retryBudget()).isEqualTo(RetryBudget.UNLIMITED);
        assertThat(config.answerPolicy()).isEqualTo(AnswerPolicy.FC_ONLY);
        assertThat(config.deadLettersRejectedRecords()).isFalse();
    }

    @Test
    void readsTheRetryBudgetAndTheAnswerPolicy() {
        Map<String, String> settings = with("retry.max.attempts", "3");
        settings.put("retry.max.record.age.seconds", "600");
        settings.put("report.batch.item.failures", "true");
        settings.put("target.type", "http");
        settings.put("http.url", "https://hooks.example.com/orders");
        settings.put("http.batch.failure.statuses", "400, 409");

        FcSinkConfig config = new FcSinkConfig(settings);

        assertThat(config.retryBudget()).isEqualTo(new RetryBudget(3, Duration.ofMinutes(10)));
        assertThat(config.answerPolicy()).isEqualTo(new AnswerPolicy(true, Set.of(400, 409), true));
    }

    @Test
    void appliesWebhookStatusesOnlyToWebhooks() {
        assertThat(new FcSinkConfig(with("http.batch.failure.statuses", "400")).answerPolicy()
            .batchFailureStatuses()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"429", "413", "408", "500", "abc", "40"})
    void refusesBatchFailureStatusesThatMeanSomethingElse(String status) {
        assertThatThrownBy(() -> new FcSinkConfig(with("http.batch.failure.statuses", "400," + status)))
            .isInstanceOf(ConfigException.class).hasMessageContaining("'" + status + "' is not a 4xx status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "10001"})
    void refusesAttemptLimitsOtherThanMinusOneOrARange(String attempts) {
        assertThatThrownBy(() -> new FcSinkConfig(with("retry.max.attempts", attempts)))
            .isInstanceOf(ConfigException.class).hasMessageContaining("use -1 for no limit or a value from 1 to 10000");
    }

    @Test
    void deadLettersRejectedRecordsOnlyWithToleranceAllAndADeadLetterTopic() {
        Map<String, String> settings = with("errors.tolerance", "all");
        assertThat(new FcSinkConfig(settings).deadLettersRejectedRecords()).isFalse();
        settings.put("errors.deadletterqueue.topic.name", "fc-sink-dlq");
        assertThat(new FcSinkConfig(settings).deadLettersRejectedRecords()).isTrue();
        settings.put("errors.tolerance", "none");
        assertThat(new FcSinkConfig(settings).deadLettersRejectedRecords()).isFalse();
    }

    @Test
    void refusesBatchItemFailuresWithAsyncInvocations() {
        Map<String, String> settings = with("report.batch.item.failures", "true");
        settings.put("fc.invocation.type", "async");
        settings.put("batch.max.bytes", "131072");

        assertThatThrownBy(() -> new FcSinkConfig(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("report.batch.item.failures=true needs fc.invocation.type=sync");
    }
}
