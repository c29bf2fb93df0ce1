package dev.binlogfc.sink.fc;

import dev.binlogfc.sink.fc.config.FcSinkConfig;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Sink connector that delivers Canal JSON records to a Function Compute function in {"Records":[...]} batches. */
public class FcSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return ConnectorVersion.get();
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

    /** Adds the rules spanning several settings to the per-setting validation, on the setting to change. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        Map<String, Object> validValues = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            byName.put(value.name(), value);
            if (value.errorMessages().isEmpty()) {
                validValues.put(value.name(), value.value());
            }
        }
        FcSinkConfig.consistencyViolations(validValues)
            .forEach((name, message) -> byName.get(name).addErrorMessage(message));
        return config;
    }
}
