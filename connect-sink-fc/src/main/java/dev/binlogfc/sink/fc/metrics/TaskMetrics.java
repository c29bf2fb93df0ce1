package dev.binlogfc.sink.fc.metrics;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a sink task publishes its metrics: Connect's plugin metrics (KIP-877) on Connect 4.1 and newer, JMX beans of
 * its own under the same names on older workers, which lack {@code SinkTaskContext.pluginMetrics()} and the
 * {@code PluginMetrics} class. Either way the metrics appear as {@code kafka.connect:type=plugins,connector=<name>,
 * task=<id>} attributes.
 */
public interface TaskMetrics extends AutoCloseable {

    /** A name in the task's group and tags, plus {@code tags}. */
    MetricName metricName(String name, String description, Map<String, String> tags);

    /**
     * Publishes {@code metric}.
     *
     * @throws IllegalArgumentException when the name is taken, e.g. by a previous instance of the task
     */
    void addMetric(MetricName name, Measurable metric);

    void removeMetric(MetricName name);

    /** Withdraws whatever this instance still publishes; Connect's plugin metrics are closed by Connect itself. */
    @Override
    void close();

    /**
     * The task's metrics for the worker it runs on.
     *
     * @param connector the connector's name, for the own beans' tags on older workers
     * @param task the task's id, for the own beans' tags on older workers
     */
    static TaskMetrics forTask(SinkTaskContext context, String connector, String task) {
        try {
            return new ConnectPluginMetrics(context.pluginMetrics());
        } catch (LinkageError olderThanConnect41) {
            // NoSuchMethodError (the worker's SinkTaskContext lacks the method) or NoClassDefFoundError (its
            // kafka-clients lacks PluginMetrics); nothing else links these two.
            Logger log = LoggerFactory.getLogger(TaskMetrics.class);
            log.info("This Connect worker has no plugin metrics (Kafka Connect 4.1 and newer have them); the sink's"
                + " metrics are published as JMX beans of its own, kafka.connect:type=plugins,connector={},task={}",
                connector, task);
            return new OwnJmxMetrics(connector, task);
        }
    }
}
