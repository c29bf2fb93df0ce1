package dev.binlogfc.teststack.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** A source whose single task fails in start(): a deterministic FAILED task for the REST client's tests. */
public class FailingSourceConnector extends SourceConnector {

    static final String FAILURE_MESSAGE = "FailingSourceConnector's task fails on purpose";

    @Override
    public void start(Map<String, String> props) {
        // Nothing to set up: only the task fails.
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FailingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(Map.of());
    }

    @Override
    public void stop() {
        // Nothing was started.
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "test";
    }

    /** Fails when started. */
    public static class FailingTask extends SourceTask {

        @Override
        public void start(Map<String, String> props) {
            throw new ConnectException(FAILURE_MESSAGE);
        }

        @Override
        public List<SourceRecord> poll() {
            throw new IllegalStateException("never polled: start() fails");
        }

        @Override
        public void stop() {
            // start() failed, nothing to stop.
        }

        @Override
        public String version() {
            return "test";
        }
    }
}
