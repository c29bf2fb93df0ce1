package dev.binlogfc.sink.fc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class FcSinkConnectorTest {

    private static Map<String, String> validSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("fc.endpoint", "https://1234567890.cn-hangzhou.fc.aliyuncs.com");
        settings.put("fc.service.name", "demo-service");
        settings.put("fc.function.name", "demo-function");
        settings.put("fc.access.key.id", "test-key");
        settings.put("fc.access.key.secret", "test-secret");
        return settings;
    }

    private static Map<String, List<String>> errorsByName(Map<String, String> settings) {
        return new FcSinkConnector().validate(settings).configValues().stream()
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void givesEveryTaskTheConnectorSettings() {
        FcSinkConnector connector = new FcSinkConnector();
        connector.start(validSettings());

        assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(task -> assertThat(task).isEqualTo(validSettings()));
        assertThat(connector.taskClass()).isEqualTo(FcSinkTask.class);
    }

    @Test
    void refusesToStartWithInvalidSettings() {
        Map<String, String> settings = validSettings();
        settings.remove("fc.function.name");

        assertThatThrownBy(() -> new FcSinkConnector().start(settings)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("fc.function.name");
    }

    @Test
    void validationBlamesRetryOtherMinutesWhenItIsNotShorterThanTheConnectionWindow() {
        Map<String, String> settings = validSettings();
        settings.put("retry.connection.minutes", "30");
        settings.put("retry.other.minutes", "30");

        Map<String, List<String>> errors = errorsByName(settings);

        assertThat(errors.get("retry.other.minutes")).singleElement().asString()
            .contains("retry.other.minutes (30) must be shorter than retry.connection.minutes (30)");
        assertThat(errors.get("retry.connection.minutes")).isEmpty();
    }

    @Test
    void validationBlamesBatchMaxBytesAboveTheAsyncLimit() {
        Map<String, String> settings = validSettings();
        settings.put("fc.invocation.type", "async");

        assertThat(errorsByName(settings).get("batch.max.bytes")).singleElement().asString()
            .contains("exceeds FC's 131072-byte request limit for Async invocations");
    }

    @Test
    void validationBlamesTheSettingsTheChosenTargetLacks() {
        Map<String, List<String>> errors = errorsByName(Map.of("target.type", "http"));

        assertThat(errors.get("http.url")).singleElement().asString()
            .contains("http.url is required with target.type=http");
        assertThat(errors.get("fc.endpoint")).isEmpty();
        assertThat(errorsByName(Map.of("target.type", "fc3")).get("fc.function.name")).singleElement().asString()
            .contains("fc.function.name is required with target.type=fc3");
    }

    @Test
    void validationReportsSingleSettingErrorsWithoutAddingRuleErrors() {
        Map<String, String> settings = validSettings();
        settings.put("retry.other.minutes", "0");

        assertThat(errorsByName(settings).get("retry.other.minutes")).singleElement().asString()
            .contains("Value must be at least 1");
    }

    @Test
    void reportsTheProjectVersion() {
        assertThat(new FcSinkConnector().version()).isEqualTo(new FcSinkTask().version()).doesNotContain("${");
    }
}
