package dev.binlogfc.source.canal.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.binlogfc.source.canal.config.TableName;
import dev.binlogfc.teststack.logging.LogCapture;

/** Per-table progress of the full copy from Debezium's snapshot rows, on a clock the test moves. */
class CopyProgressTest {

    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA)
            .field("source", SOURCE).build();
    private static final TableName ORDERS = new TableName("shop", "orders");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Map<String, Measurable> metrics = new HashMap<>();
    private final Map<TableName, Long> estimates = new HashMap<>();
    private final CopyProgress progress = new CopyProgress(
            table -> estimates.containsKey(table) ? OptionalLong.of(estimates.get(table)) : OptionalLong.empty(),
            (name, description, tags, metric) -> metrics.put(name + "{" + tags.get("table") + "}", metric),
            nanos::get, Duration.ofHours(1));

    @AfterEach
    void close() {
        progress.close();
    }

    @Test
    void reportsRowsPercentAndEtaAgainstTheEstimateAndReaches100AtTheLastRow() {
        copy("orders", 250, "true");
        assertThat(metric("copy-rows-estimated")).isEqualTo(-1);
        assertThat(metric("copy-percent")).isNaN();

        estimates.put(ORDERS, 1_000L);
        progress.resolveEstimates();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));

        assertThat(metric("copy-rows-copied")).isEqualTo(250);
        assertThat(metric("copy-rows-estimated")).isEqualTo(1_000);
        assertThat(metric("copy-percent")).isEqualTo(25.0);
        // 250 rows in 5 s: the other 750 take 15 s.
        assertThat(metric("copy-eta-seconds")).isEqualTo(15.0);

        copy("orders", 849, "true");
        copy("orders", 1, "last_in_data_collection");

        assertThat(metric("copy-rows-copied")).isEqualTo(1_100);
        assertThat(metric("copy-rows-estimated")).isEqualTo(1_100);
        assertThat(metric("copy-percent")).isEqualTo(100.0);
        assertThat(metric("copy-eta-seconds")).isZero();
    }

    @Test
    void staysBelow100WhileRowsPastAnUnderestimateKeepComing() {
        estimates.put(ORDERS, 100L);
        copy("orders", 1, "first");
        progress.resolveEstimates();
        copy("orders", 199, "true");

        assertThat(metric("copy-percent")).isEqualTo(99.9);
        assertThat(metric("copy-eta-seconds")).isNaN();

        copy("orders", 1, "last");
        assertThat(metric("copy-percent")).isEqualTo(100.0);
    }

    @Test
    void changesFromTheBinlogAreNotCopiedRows() {
        progress.observe(record("c", "orders", "false"));
        progress.observe(new SourceRecord(Map.of(), Map.of(), "heartbeats", null, null));

        assertThat(metrics).isEmpty();
    }

    @Test
    void logsALinePerTableStillBeingCopied() {
        estimates.put(ORDERS, 400L);
        copy("orders", 100, "true");
        copy("items", 10, "last_in_data_collection");
        progress.resolveEstimates();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));

        try (LogCapture log = new LogCapture(Map.of(CopyProgress.class.getName(), Level.INFO))) {
            progress.logProgress();

            assertThat(log.lines()).containsExactly(CopyProgress.class.getName()
                    + " Full copy of shop.orders: 100 of ~400 rows (25.0 %), ETA 6 s");
        }
    }

    private void copy(String table, int rows, String snapshot) {
        for (int i = 0; i < rows; i++) {
            progress.observe(record("r", table, snapshot));
        }
    }

    private static SourceRecord record(String op, String table, String snapshot) {
        Struct source = new Struct(SOURCE).put("db", "shop").put("table", table).put("snapshot", snapshot);
        Struct value = new Struct(ENVELOPE).put("op", op).put("source", source);
        return new SourceRecord(Map.of(), Map.of(), "topic", ENVELOPE, value);
    }

    private double metric(String name) {
        return metrics.get(name + "{shop.orders}").measure(null, 0);
    }
}
