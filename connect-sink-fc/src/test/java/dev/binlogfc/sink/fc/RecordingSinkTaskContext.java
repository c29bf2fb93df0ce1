package dev.binlogfc.sink.fc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The parts of Connect's task context a sink task uses, recording the timeouts the task asks for. */
final class RecordingSinkTaskContext implements SinkTaskContext {

    final List<Long> timeouts = new ArrayList<>();
    private final Map<String, String> configs;

    RecordingSinkTaskContext(Map<String, String> configs) {
        this.configs = configs;
    }

    long lastTimeout() {
        return timeouts.get(timeouts.size() - 1);
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
        return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {
        throw new UnsupportedOperationException("the FC sink does not pause partitions");
    }

    @Override
    public void resume(TopicPartition... partitions) {
        throw new UnsupportedOperationException("the FC sink does not pause partitions");
    }

    @Override
    public void requestCommit() {
        throw new UnsupportedOperationException("the FC sink does not request commits");
    }

    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("the FC sink has no plugin metrics");
    }
}
