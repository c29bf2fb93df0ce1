package dev.binlogfc.teststack.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A source writing 0, 1, 2, ... to the topic named by {@code topic}, with the next number as its source offset, so
 * that a restarted task visibly resumes from the last committed offset.
 */
public class CountingSourceConnector extends SourceConnector {

    static final String TOPIC = "topic";
    private static final ConfigDef CONFIG = new ConfigDef().define(TOPIC, ConfigDef.Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH,
            "Topic the numbers are written to.");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CountingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // The connector holds nothing; its task does the counting.
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "test";
    }

    /** Writes ten numbers every 10 ms, starting after the committed offset. */
    public static class CountingTask extends SourceTask {

        private static final Map<String, String> PARTITION = Map.of("counter", "numbers");
        private static final String NEXT = "next";

        private String topic;
        private long next;

        @Override
        public void start(Map<String, String> props) {
            topic = props.get(TOPIC);
            Map<String, Object> offset = context.offsetStorageReader().offset(PARTITION);
            next = offset == null ? 0 : ((Number) offset.get(NEXT)).longValue();
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            Thread.sleep(10);
            List<SourceRecord> records = new ArrayList<>();
            for (int i = 0; i < 10; i++, next++) {
                records.add(new SourceRecord(PARTITION, Map.of(NEXT, next + 1), topic, 0, Schema.STRING_SCHEMA,
                        Long.toString(next)));
            }
            return records;
        }

        @Override
        public void stop() {
            // Nothing to release.
        }

        @Override
        public String version() {
            return "test";
        }
    }
}
