package dev.binlogfc.sink.fc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The parts of Connect's task context a sink task uses: real Kafka plugin metrics, recorded timeouts and pauses,
 * and optionally a dead-letter queue that records what it is given.
 */
final class RecordingSinkTaskContext implements SinkTaskContext {

    final List<Long> timeouts = Collections.synchronizedList(new ArrayList<>());
    final List<SinkRecord> deadLetters = Collections.synchronizedList(new ArrayList<>());
    final Set<TopicPartition> paused = Collections.synchronizedSet(new HashSet<>());
    /** When set, the dead-letter queue fails to write what it is given, as when its topic cannot be written. */
    volatile RuntimeException deadLetterWriteFailure;
    private final Map<String, String> configs;
    private final Set<TopicPartition> assignment;
    private final boolean withDeadLetterQueue;
    private final Metrics metrics = new Metrics();
    private static final Map<String, String> CONTEXT_TAGS = Map.of("connector", "test");
    private final PluginMetricsImpl pluginMetrics = new PluginMetricsImpl(metrics, CONTEXT_TAGS);

    RecordingSinkTaskContext(Map<String, String> configs, Set<TopicPartition> assignment,
                             boolean withDeadLetterQueue) {
        this.configs = configs;
        this.assignment = assignment;
        this.withDeadLetterQueue = withDeadLetterQueue;
    }

    /** The value of the plugin metric {@code name} (with the given extra tags, e.g. cause=throttled). */
    double metric(String name, String... tags) {
        Map<String, String> wanted = new HashMap<>(CONTEXT_TAGS);
        for (int i = 0; i < tags.length; i += 2) {
            wanted.put(tags[i], tags[i + 1]);
        }
        for (Map.Entry<MetricName, KafkaMetric> entry : metrics.metrics().entrySet()) {
            MetricName metricName = entry.getKey();
            if (metricName.name().equals(name) && metricName.tags().equals(wanted)) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name + " " + wanted + " among " + metrics.metrics().keySet());
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void timeout(long timeoutMs) {
        timeouts.add(timeoutMs);
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        throw new UnsupportedOperationException("the FC sink does not rewind");
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        throw new UnsupportedOperationException("the FC sink does not rewind");
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
        paused.addAll(List.of(partitions));
    }

    @Override
    public void resume(TopicPartition... partitions) {
        List.of(partitions).forEach(paused::remove);
    }

    @Override
    public void requestCommit() {
        throw new UnsupportedOperationException("the FC sink does not request commits");
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!withDeadLetterQueue) {
            return null;
        }
        return (record, error) -> {
            RuntimeException failure = deadLetterWriteFailure;
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            deadLetters.add(record);
            Future<Void> written = CompletableFuture.completedFuture(null);
            return written;
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    void close() {
        metrics.close();
    }
}
