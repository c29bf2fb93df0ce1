package dev.binlogfc.source.canal.progress;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.binlogfc.source.canal.config.TableName;

/**
 * The full copy's progress per table, as DTS's console shows it: rows copied, rows estimated (the source's
 * information_schema estimate), percent and ETA, both as metrics ({@code copy-rows-copied}, {@code
 * copy-rows-estimated}, {@code copy-percent}, {@code copy-eta-seconds}, tagged {@code table}) and as a periodic INFO
 * line. A table counts as done when Debezium marks its last row ({@code source.snapshot} =
 * {@code last_in_data_collection}, or {@code last} for the copy's last row), so percent reaches 100 exactly then,
 * however far the estimate was off.
 */
public final class CopyProgress implements AutoCloseable {

    /** Reads a table's row estimate; empty when the source has none. */
    @FunctionalInterface
    public interface RowEstimator {
        OptionalLong estimate(TableName table) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CopyProgress.class);
    private static final String LAST_OF_TABLE = "last_in_data_collection";
    private static final String LAST_OF_COPY = "last";
    /** How often new tables get their estimate. */
    private static final Duration ESTIMATE_INTERVAL = Duration.ofSeconds(1);

    private final RowEstimator estimator;
    private final ProgressMetrics metrics;
    private final LongSupplier nanoTime;
    private final Duration logInterval;
    private final Map<TableName, TableCopy> tables = new ConcurrentHashMap<>();
    private ScheduledExecutorService reporter;

    public CopyProgress(RowEstimator estimator, ProgressMetrics metrics, LongSupplier nanoTime, Duration logInterval) {
        this.estimator = estimator;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.logInterval = logInterval;
    }

    /** Counts {@code event} if it is a row of the full copy (Debezium's op 'r'). Task thread only. */
    public void observe(SourceRecord event) {
        if (!(event.value() instanceof Struct value) || value.schema().field("op") == null
                || !"r".equals(value.getString("op")) || value.schema().field("source") == null) {
            return;
        }
        Struct source = value.getStruct("source");
        TableName name = new TableName(source.getString("db"), source.getString("table"));
        TableCopy table = tables.computeIfAbsent(name, this::started);
        table.copied(1);
        Object snapshot = source.schema().field("snapshot") == null ? null : source.get("snapshot");
        if (snapshot != null && (LAST_OF_TABLE.equals(snapshot.toString()) || LAST_OF_COPY.equals(snapshot.toString()))) {
            table.finished(nanoTime.getAsLong());
            LOG.info("Full copy of {} finished: {} rows in {} s", name, table.rowsCopied(),
                    String.format("%.1f", table.secondsTaken()));
        }
    }

    private TableCopy started(TableName name) {
        TableCopy table = new TableCopy(nanoTime.getAsLong());
        Map<String, String> tags = Map.of("table", name.toString());
        try {
            metrics.add("copy-rows-copied", "rows of the table the full copy handed on", tags,
                    (config, now) -> table.rowsCopied());
            metrics.add("copy-rows-estimated", "the source's estimate of the table's rows (information_schema);"
                    + " the rows copied once the table is done; -1 before it is known", tags,
                    (config, now) -> table.rowsEstimated());
            metrics.add("copy-percent", "percent of the table copied: 100 once Debezium marked its last row, below"
                    + " 100 before; NaN without an estimate", tags, (config, now) -> table.percent());
            metrics.add("copy-eta-seconds", "seconds until the table is copied at its rate so far; 0 once done", tags,
                    (config, now) -> table.etaSeconds(nanoTime.getAsLong()));
        } catch (IllegalArgumentException heldByPreviousInstance) {
            LOG.warn("The copy metrics of {} are still registered by a previous instance of this task; its progress"
                    + " is only logged", name);
        }
        startReporter();
        return table;
    }

    private synchronized void startReporter() {
        if (reporter != null) {
            return;
        }
        reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "binlogfc-copy-progress");
            thread.setDaemon(true);
            return thread;
        });
        reporter.scheduleWithFixedDelay(this::resolveEstimates, 0, ESTIMATE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        reporter.scheduleAtFixedRate(this::logProgress, logInterval.toMillis(), logInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reads the estimate of each table that has none yet; a failed read is tried again later. */
    void resolveEstimates() {
        tables.forEach((name, table) -> {
            if (table.hasEstimate() || table.isDone()) {
                return;
            }
            try {
                estimator.estimate(name).ifPresent(table::estimate);
            } catch (Exception e) {
                LOG.debug("Cannot read the row estimate of {} yet: {}", name, e.getMessage());
            }
        });
    }

    /** One INFO line per table still being copied. */
    void logProgress() {
        long now = nanoTime.getAsLong();
        tables.forEach((name, table) -> {
            if (!table.isDone()) {
                LOG.info("Full copy of {}: {} of ~{} rows ({} %), ETA {} s", name, table.rowsCopied(),
                        table.hasEstimate() ? Long.toString(table.rowsEstimated()) : "?",
                        String.format("%.1f", table.percent()), String.format("%.0f", table.etaSeconds(now)));
            }
        });
    }

    @Override
    public synchronized void close() {
        if (reporter != null) {
            reporter.shutdownNow();
        }
    }
}
