package dev.binlogfc.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ValidationReportTest {

    private static Config validated() {
        ConfigValue host = new ConfigValue("host");
        host.addErrorMessage("host is not a host name");
        return new Config(List.of(host, new ConfigValue("port")));
    }

    private static Map<String, ConfigValue> byName(Config config) {
        return config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, value -> value));
    }

    @Test
    void addsEachErrorToTheValueOfItsKeyAfterConnectsOwn() {
        ValidationReport report = new ValidationReport();
        report.error("host", "host does not answer");
        report.error("port", "nothing listens on port 1");
        report.error("port", "port 1 is privileged");

        Map<String, ConfigValue> merged = byName(report.mergeInto(validated()));

        assertThat(merged.get("host").errorMessages())
            .containsExactly("host is not a host name", "host does not answer");
        assertThat(merged.get("port").errorMessages())
            .containsExactly("nothing listens on port 1", "port 1 is privileged");
    }

    @Test
    void givesAKeyThatValidationDidNotListAValueOfItsOwn() {
        ValidationReport report = new ValidationReport();
        report.error("user", "the user may not log in");

        Map<String, ConfigValue> merged = byName(report.mergeInto(validated()));

        assertThat(merged).containsKeys("host", "port", "user");
        assertThat(merged.get("user").errorMessages()).containsExactly("the user may not log in");
    }

    @Test
    void listsTheWarningsOnePerLineInTheirOwnEntryWhichIsNeverAnError() {
        ValidationReport report = new ValidationReport();
        report.warning("the server is old");
        report.warning("the table has no primary key");

        ConfigValue warnings = byName(report.mergeInto(validated())).get("precheck.warnings");

        assertThat(warnings.value()).isEqualTo("the server is old\nthe table has no primary key");
        assertThat(warnings.errorMessages()).isEmpty();
    }

    @Test
    void anEmptyReportAddsOnlyAnEmptyWarningsEntry() {
        Config merged = new ValidationReport().mergeInto(validated());

        assertThat(merged.configValues()).extracting(ConfigValue::name)
            .containsExactly("host", "port", "precheck.warnings");
        assertThat(byName(merged).get("precheck.warnings").value()).isEqualTo("");
        assertThat(byName(merged).get("port").errorMessages()).isEmpty();
    }

    @Test
    void tellsWhetherAnyValueHasAnError() {
        assertThat(ValidationReport.hasErrors(validated().configValues())).isTrue();
        assertThat(ValidationReport.hasErrors(List.of(new ConfigValue("port")))).isFalse();
    }
}
