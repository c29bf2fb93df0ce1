package dev.binlogfc.source.canal.connector;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.precheck.SourceServerDefaults;
import dev.binlogfc.source.canal.transform.CanalJsonTransform;
import dev.binlogfc.source.canal.transform.CanalJsonTransformConfig;

/**
 * Runs the Debezium MySQL or MariaDB task and turns each change event into a Canal record before Connect sees it,
 * so that the connector's own {@code transforms} (if any) already work on Canal records.
 *
 * <p>Offsets stay Debezium's: every record keeps its source partition and offset, and a record the Canal SMT drops
 * (a tombstone) is acknowledged to Debezium at once, as Connect does for records a transform drops.
 *
 * <p>Where the user did not set them, the SMT's {@code timestamp.zone} and {@code server.id.fallback} are the source
 * server's, read when the task starts, so that TIMESTAMPs show what the database shows and rows of the full copy
 * carry the server's id as DTS's do.
 */
public class CanalSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(CanalSourceTask.class);
    private static final String ZONE = CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG;
    private static final String SERVER_ID = CanalJsonTransformConfig.SERVER_ID_FALLBACK_CONFIG;

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
        canal.configure(canalSettings(config, props));
        debezium = DebeziumConnectors.task(config.sourceType());
        debezium.initialize(context);
        debezium.start(props);
    }

    /** The user's {@code canal.} settings; what they leave unset of the server-derived ones, from the server. */
    private static Map<String, Object> canalSettings(CanalSourceConfig config, Map<String, String> props) {
        Map<String, Object> settings = new HashMap<>(config.canalTransformSettings());
        if (settings.containsKey(ZONE) && settings.containsKey(SERVER_ID)) {
            return settings;
        }
        SourceServerDefaults server;
        try {
            server = SourceServerDefaults.read(config.sourceType(), props);
        } catch (SQLException e) {
            throw new ConnectException("Cannot read the source server's time zone and server_id (" + e.getMessage()
                    + "): check the database.* connection settings, or set " + CanalSourceConfig.CANAL_PREFIX + ZONE
                    + " and " + CanalSourceConfig.CANAL_PREFIX + SERVER_ID, e);
        }
        settings.putIfAbsent(ZONE, server.timeZone().getId());
        settings.putIfAbsent(SERVER_ID, server.serverId());
        LOG.info("Canal records render TIMESTAMP in {} and report serverId {} for snapshot reads", settings.get(ZONE),
                settings.get(SERVER_ID));
        return settings;
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
