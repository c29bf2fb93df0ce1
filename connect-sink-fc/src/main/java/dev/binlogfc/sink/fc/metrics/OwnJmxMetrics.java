package dev.binlogfc.sink.fc.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;

/**
 * The task's metrics as JMX beans of its own, named as Connect 4.1+ names plugin metrics
 * ({@code kafka.connect:type=plugins,connector=<name>,task=<id>}), for workers without plugin metrics. Like
 * Connect's registry it refuses a name that another instance of the task in this worker still publishes (JMX would
 * otherwise hand the bean to the newer instance and drop it when the older one closes).
 */
final class OwnJmxMetrics implements TaskMetrics {

    private static final String GROUP = "plugins";
    /** Every name published by any instance in this worker; tasks of one plugin share its class loader. */
    private static final Set<MetricName> HELD = ConcurrentHashMap.newKeySet();

    private final Map<String, String> taskTags = new LinkedHashMap<>();
    private final Set<MetricName> mine = ConcurrentHashMap.newKeySet();
    private final Metrics registry = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
        new KafkaMetricsContext("kafka.connect"));

    OwnJmxMetrics(String connector, String task) {
        taskTags.put("connector", connector);
        taskTags.put("task", task);
    }

    @Override
    public MetricName metricName(String name, String description, Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>(taskTags);
        all.putAll(tags);
        return new MetricName(name, GROUP, description, all);
    }

    @Override
    public void addMetric(MetricName name, Measurable metric) {
        if (!HELD.add(name)) {
            throw new IllegalArgumentException("A metric named " + name + " is already published in this worker");
        }
        mine.add(name);
        registry.addMetric(name, metric);
    }

    @Override
    public void removeMetric(MetricName name) {
        registry.removeMetric(name);
        if (mine.remove(name)) {
            HELD.remove(name);
        }
    }

    @Override
    public void close() {
        mine.forEach(this::removeMetric);
        registry.close();
    }
}
