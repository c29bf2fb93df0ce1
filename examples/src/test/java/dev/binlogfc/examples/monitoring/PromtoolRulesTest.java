package dev.binlogfc.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * monitoring/prometheus-rules.yaml checked and unit-tested by promtool against monitoring/tests/: the series recorded
 * from a live run (MonitoringTest writes a fresh recording of its own to target/monitoring on every build) and a
 * synthetic stalled copy. Skipped with a message where promtool is not installed.
 */
class PromtoolRulesTest {

    private Path promtool;

    @BeforeEach
    void findPromtool() {
        promtool = Promtool.find().orElse(null);
        Assumptions.assumeTrue(promtool != null, Promtool.MISSING);
    }

    @Test
    void theRulesFileIsValid() throws Exception {
        Promtool.Result result = Promtool.run(promtool, List.of("check", "rules", MonitoringFiles.RULES.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theRuleTestsPass() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        arguments.addAll(testFiles());

        Promtool.Result result = Promtool.run(promtool, arguments);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("recorded-run.test.yaml", "full-copy-stalled.test.yaml");
    }

    private static List<String> testFiles() throws IOException {
        try (Stream<Path> files = Files.list(MonitoringFiles.TESTS)) {
            return files.filter(file -> file.toString().endsWith(".test.yaml")).map(Path::toString).sorted().toList();
        }
    }
}
