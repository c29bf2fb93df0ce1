package dev.binlogfc.source.canal.connector;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.relational.TableId;

import dev.binlogfc.common.util.Version;
import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.config.SourceType;
import dev.binlogfc.source.canal.config.TableName;
import dev.binlogfc.source.canal.precheck.SourceServerDefaults;
import dev.binlogfc.source.canal.precheck.TableRowEstimates;
import dev.binlogfc.source.canal.progress.CopyProgress;
import dev.binlogfc.source.canal.progress.ProgressMetrics;
import dev.binlogfc.source.canal.transform.CanalJsonTransform;
import dev.binlogfc.source.canal.transform.CanalJsonTransformConfig;

/**
 * Runs the Debezium MySQL or MariaDB task and turns each change event into a Canal record before Connect sees it,
 * so that the connector's own {@code transforms} (if any) already work on Canal records.
 *
 * <p>Offsets stay Debezium's: every record keeps its source partition and offset, and a record the Canal SMT drops
 * (a tombstone) is acknowledged to Debezium at once, as Connect does for records a transform drops.
 *
 * <p>It also applies the two DTS settings Debezium has no equivalent for: the full copy's rows per second
 * ({@link SnapshotPacer}) and the window an unreachable database is waited for ({@link SourceReachability}).
 *
 * <p>It keeps the selection of objects in the source offset ({@link ObjectSelection}) and, when it starts with tables
 * that selection did not include, has Debezium copy them ({@link AddedTables}); the signal table's own rows (Debezium's
 * requests and snapshot window markers) are never handed on.
 *
 * <p>Where the user did not set them, the SMT's {@code timestamp.zone} and {@code server.id.fallback} are the source
 * server's, read when the task starts, so that TIMESTAMPs show what the database shows and rows of the full copy
 * carry the server's id as DTS's do.
 */
public class CanalSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(CanalSourceTask.class);
    private static final String ZONE = CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG;
    private static final String SERVER_ID = CanalJsonTransformConfig.SERVER_ID_FALLBACK_CONFIG;

    /** How often the database is probed while Debezium delivers nothing. */
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);
    /** The longest single sleep while pacing the full copy, so that a stop request is seen soon. */
    private static final long MAX_PACING_SLEEP_MS = 200;
    /** How often the full copy's progress is logged, as DTS's console refreshes it. */
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(30);

    private SourceType sourceType;
    private Map<String, String> debeziumProps;
    /** Debezium's task; null while it is being restarted after the database went away. */
    private volatile SourceTask debezium;
    private CanalJsonTransform<SourceRecord> canal;
    private SourceReachability reachability;
    private SnapshotPacer pacer;
    private CopyProgress progress;
    private volatile boolean stopping;
    private ObjectSelection selection;
    private Predicate<TableId> selected;
    private TableName signalTable;
    /** Whether the copy of added tables has been requested (or found unnecessary) since this task started. */
    private boolean addedTablesHandled;
    private CanalSourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        CanalSourceConfig config = new CanalSourceConfig(props);
        canal = new CanalJsonTransform<>();
        canal.configure(canalSettings(config, props));
        reachability = new SourceReachability(config.retryConnectionWindow(), PROBE_INTERVAL,
                () -> SourceServerDefaults.probe(config.sourceType(), props), System::nanoTime,
                CanalSourceConfig.RETRY_CONNECTION_MINUTES_CONFIG + "=" + config.retryConnectionWindow().toMinutes());
        pacer = new SnapshotPacer(config.initRowsPerSecond(), System::nanoTime);
        sourceType = config.sourceType();
        progress = new CopyProgress(new TableRowEstimates(sourceType, props)::estimate, ProgressMetrics.of(context),
                System::nanoTime, PROGRESS_LOG_INTERVAL);
        debeziumProps = props;
        this.config = config;
        selection = ObjectSelection.of(props);
        selected = selection.predicate();
        signalTable = config.signalTable();
        startDebeziumOrWait();
    }

    /** Starts Debezium's task; while the database is unreachable, leaves it to a later poll to try again. */
    private boolean startDebeziumOrWait() {
        SourceTask task = DebeziumConnectors.task(sourceType);
        try {
            requestAddedTablesOnce();
            task.initialize(context);
            task.start(debeziumProps);
            debezium = task;
            return true;
        } catch (RuntimeException e) {
            task.stop();
            reachability.afterFailure(e);
            LOG.warn("The source database is unreachable ({}); Debezium starts again once it answers", e.getMessage());
            return false;
        }
    }

    /** Before Debezium reads on from the committed offset, so that it finds the request in the binlog it reads. */
    private void requestAddedTablesOnce() {
        if (addedTablesHandled) {
            return;
        }
        Map<String, Object> committed = context.offsetStorageReader()
                .offset(DebeziumConnectors.sourcePartition(debeziumProps));
        try {
            AddedTables.requestCopy(config, debeziumProps, selection, committed);
        } catch (SQLException e) {
            throw new ConnectException("Cannot request the copy of the tables added to the selection: "
                    + e.getMessage(), e);
        }
        addedTablesHandled = true;
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
        SourceTask task = debezium;
        if (task == null) {
            sleepUnlessStopping(PROBE_INTERVAL.toNanos());
            return stopping || !startDebeziumOrWait() ? null : List.of();
        }
        List<SourceRecord> events;
        try {
            events = task.poll();
        } catch (RuntimeException e) {
            debezium = null;
            task.stop();
            reachability.afterFailure(e);
            LOG.warn("Debezium stopped because the source database is unreachable ({}); it starts again once the"
                    + " database answers, within {}", e.getMessage(), CanalSourceConfig.RETRY_CONNECTION_MINUTES_CONFIG);
            return null;
        }
        reachability.afterPoll(events != null && !events.isEmpty());
        if (events == null) {
            return null;
        }
        int copiedRows = 0;
        List<SourceRecord> records = new ArrayList<>(events.size());
        for (SourceRecord event : events) {
            progress.observe(event);
            if (!pacer.isUnlimited() && isSnapshotRead(event)) {
                copiedRows++;
            }
            SourceRecord record = isFromSignalTable(event) || isSchemaChangeOfUnselectedTables(event) ? null
                    : canal.apply(event);
            if (record == null) {
                task.commitRecord(event, null);
            } else {
                records.add(withSelection(record));
            }
        }
        sleepUnlessStopping(pacer.delayFor(copiedRows));
        return records;
    }

    /** Debezium delivers the signal table's rows like a captured table's. */
    private boolean isFromSignalTable(SourceRecord event) {
        if (signalTable == null || !(event.value() instanceof Struct value) || value.schema().field("source") == null) {
            return false;
        }
        Struct source = value.getStruct("source");
        return source.schema().field("table") != null && signalTable.table().equals(source.getString("table"))
                && signalTable.database().equals(source.getString("db"));
    }

    /**
     * Debezium reports the schema changes of every table of a selected database, as it keeps their history for
     * tables selected later; DTS delivers the DDL of the selected objects only. A statement naming no table (a
     * routine, or a database-level one) stays.
     */
    private boolean isSchemaChangeOfUnselectedTables(SourceRecord event) {
        if (!(event.value() instanceof Struct value) || value.schema().name() == null
                || !value.schema().name().endsWith("SchemaChangeValue") || value.schema().field("source") == null) {
            return false;
        }
        Struct source = value.getStruct("source");
        if (source.schema().field("table") == null || source.schema().field("db") == null) {
            return false;
        }
        String tables = source.getString("table");
        String database = source.getString("db");
        return tables != null && !tables.isBlank() && database != null && Arrays.stream(tables.split(","))
                .noneMatch(table -> selected.test(new TableId(database, null, table.strip())));
    }

    /** The record with the selection it was read under in its offset. */
    private SourceRecord withSelection(SourceRecord record) {
        if (record.sourceOffset() == null) {
            return record;
        }
        return new SourceRecord(record.sourcePartition(), selection.addTo(record.sourceOffset()), record.topic(),
                record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(), record.value(),
                record.timestamp(), record.headers());
    }

    /** A row the full copy read: Debezium's op 'r'. */
    private static boolean isSnapshotRead(SourceRecord event) {
        return event.value() instanceof Struct value && value.schema().field("op") != null
                && "r".equals(value.getString("op"));
    }

    /** Waits in short sleeps, so that a stop request ends the wait. */
    private void sleepUnlessStopping(long delayNanos) throws InterruptedException {
        long until = System.nanoTime() + delayNanos;
        for (long left = delayNanos; left > 0 && !stopping; left = until - System.nanoTime()) {
            Thread.sleep(Math.min(MAX_PACING_SLEEP_MS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
    }

    /** Offsets are Connect's, taken from the records; a Debezium task restarted meanwhile needs no notice. */
    @Override
    public void commit() throws InterruptedException {
        SourceTask task = debezium;
        if (task != null) {
            task.commit();
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
        SourceTask task = debezium;
        if (task != null) {
            task.commitRecord(record, metadata);
        }
    }

    @Override
    public void stop() {
        stopping = true;
        // Connect may stop a task whose start failed.
        SourceTask task = debezium;
        if (task != null) {
            task.stop();
        }
        if (canal != null) {
            canal.close();
        }
        if (progress != null) {
            progress.close();
        }
    }
}
