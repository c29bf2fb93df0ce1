package dev.binlogfc.source.canal.progress;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the copy's metrics go: Connect's plugin metrics (Connect 4.1 and newer), so that they appear in JMX as
 * {@code kafka.connect:type=plugins,connector=<name>,task=<id>,table=<db.table>}; nowhere on older workers, where
 * the periodic INFO line still reports the copy.
 */
public interface ProgressMetrics {

    ProgressMetrics NONE = (name, description, tags, metric) -> { };

    void add(String name, String description, Map<String, String> tags, Measurable metric);

    static ProgressMetrics of(SourceTaskContext context) {
        try {
            PluginMetrics metrics = context.pluginMetrics();
            return (name, description, tags, metric) ->
                    metrics.addMetric(metrics.metricName(name, description, new LinkedHashMap<>(tags)), metric);
        } catch (LinkageError olderThanConnect41) {
            Logger log = LoggerFactory.getLogger(ProgressMetrics.class);
            log.info("This Connect worker has no plugin metrics (Kafka Connect 4.1 and newer have them); the full"
                    + " copy's progress is only logged");
            return NONE;
        }
    }
}
