package dev.binlogfc.sink.fc;

import dev.binlogfc.common.util.Version;
import dev.binlogfc.common.validation.ValidationReport;
import dev.binlogfc.sink.fc.config.FcSinkConfig;
import dev.binlogfc.sink.fc.precheck.ConnectivityTest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sink connector that delivers Canal JSON records to a Function Compute function in {"Records":[...]} batches. */
public class FcSinkConnector extends SinkConnector {

    /** The validation entry whose value lists the precheck's warnings. */
    public static final String PRECHECK_WARNINGS = ValidationReport.WARNINGS_ENTRY;

    private static final Logger LOG = LoggerFactory.getLogger(FcSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        // Parsing fails fast on invalid settings, before any task starts.
        new FcSinkConfig(props);
        this.props = Collections.unmodifiableMap(new HashMap<>(props));
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FcSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return FcSinkConfig.CONFIG_DEF;
    }

    /**
     * Adds the rules spanning several settings to the per-setting validation, on the setting to change; when the
     * settings are valid, tests that the target is reachable and accepts the credentials (see
     * {@link ConnectivityTest}). Warnings do not block; Connect's validation has no place for them on a key, so they
     * are the value of the extra entry {@value #PRECHECK_WARNINGS} (one per line, never an error) and are logged.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, Object> validValues = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            if (value.errorMessages().isEmpty()) {
                validValues.put(value.name(), value.value());
            }
        }
        Map<String, String> violations = FcSinkConfig.consistencyViolations(validValues);
        ValidationReport report = violations.isEmpty() && !ValidationReport.hasErrors(config.configValues())
            ? ConnectivityTest.run(new FcSinkConfig(connectorConfigs)) : new ValidationReport();
        violations.forEach(report::error);
        report.warnings().forEach(warning -> LOG.warn("Precheck warning: {}", warning));
        return report.mergeInto(config);
    }
}
