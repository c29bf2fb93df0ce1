package dev.binlogfc.source.canal.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.transform.CanalJsonTransform;

/**
 * Runs the Debezium MySQL or MariaDB task and turns each change event into a Canal record before Connect sees it,
 * so that the connector's own {@code transforms} (if any) already work on Canal records.
 *
 * <p>Offsets stay Debezium's: every record keeps its source partition and offset, and a record the Canal SMT drops
 * (a tombstone) is acknowledged to Debezium at once, as Connect does for records a transform drops.
 */
public class CanalSourceTask extends SourceTask {

    private SourceTask debezium;
    private CanalJsonTransform<SourceRecord> canal;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        CanalSourceConfig config = new CanalSourceConfig(props);
        canal = new CanalJsonTransform<>();
        canal.configure(config.canalTransformSettings());
        debezium = DebeziumConnectors.task(config.sourceType());
        debezium.initialize(context);
        debezium.start(props);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> events = debezium.poll();
        if (events == null) {
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(events.size());
        for (SourceRecord event : events) {
            SourceRecord record = canal.apply(event);
            if (record == null) {
                debezium.commitRecord(event, null);
            } else {
                records.add(record);
            }
        }
        return records;
    }

    @Override
    public void commit() throws InterruptedException {
        debezium.commit();
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
        debezium.commitRecord(record, metadata);
    }

    @Override
    public void stop() {
        // Connect may stop a task whose start failed.
        if (debezium != null) {
            debezium.stop();
        }
        if (canal != null) {
            canal.close();
        }
    }
}
