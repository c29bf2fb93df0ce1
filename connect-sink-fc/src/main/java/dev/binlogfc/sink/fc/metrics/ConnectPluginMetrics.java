package dev.binlogfc.sink.fc.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * Connect's plugin metrics (Connect 4.1 and newer). The only class that names {@link PluginMetrics}, so that the
 * others load on workers whose kafka-clients lacks it.
 */
final class ConnectPluginMetrics implements TaskMetrics {

    private final PluginMetrics pluginMetrics;

    ConnectPluginMetrics(PluginMetrics pluginMetrics) {
        this.pluginMetrics = pluginMetrics;
    }

    @Override
    public MetricName metricName(String name, String description, Map<String, String> tags) {
        return pluginMetrics.metricName(name, description, new LinkedHashMap<>(tags));
    }

    @Override
    public void addMetric(MetricName name, Measurable metric) {
        pluginMetrics.addMetric(name, metric);
    }

    @Override
    public void removeMetric(MetricName name) {
        pluginMetrics.removeMetric(name);
    }

    @Override
    public void close() {
        // Connect closes the plugin metrics of a task when it closes the task.
    }
}
