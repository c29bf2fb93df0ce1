package dev.binlogfc.sink.fc.metrics;

import dev.binlogfc.sink.fc.invoke.RetryCause;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Rate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's delivery metrics, published through {@link TaskMetrics} (Connect's plugin metrics, or own beans on
 * workers older than 4.1) so that they appear in JMX as {@code kafka.connect:type=plugins,connector=<name>,task=<id>}
 * attributes next to Connect's own task metrics.
 * Thread-safe: Kafka's sensors synchronise their updates.
 *
 * <p>The sensors live in a registry of this task instance and are published as gauges that read them. When Connect
 * gives up stopping a task gracefully (e.g. its offset commit hangs while the broker is down) and starts a new
 * instance in the same worker, the old instance still holds the names until Connect closes it; the new instance then
 * counts from the start, logs that its metrics are not yet visible, and publishes them on a later
 * {@link #publishPending()} once the names are free, instead of failing to start.
 */
public final class DeliveryMetrics implements AutoCloseable {

    /** Memory of the latency histogram; with linear buckets it resolves about 1 ms near zero. */
    private static final int HISTOGRAM_BYTES = 8_000;
    /** The dead-letter cause of records that are not JSON objects or too large for a batch. */
    public static final String INVALID_RECORD = "invalid-record";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryMetrics.class);

    private final TaskMetrics pluginMetrics;
    private final Metrics own = new Metrics();
    private final Clock clock;
    private final Sensor records;
    private final Sensor batches;
    private final Sensor bytes;
    private final Sensor latency;
    private final Sensor deadLetters;
    private final Map<RetryCause, Sensor> retries = new EnumMap<>(RetryCause.class);
    private final Map<RetryCause, Sensor> isolated = new EnumMap<>(RetryCause.class);
    private final Map<String, Sensor> deadLettersByCause = new HashMap<>();
    /**
     * The source time ({@code es}) up to which the task has delivered every change it received, as far as it knows:
     * the last delivered record's, or a latency marker's; -1 before either.
     */
    private final AtomicLong syncedUpTo = new AtomicLong(-1);
    /** Metrics not yet visible through the plugin metrics, in registration order. */
    private final Map<MetricName, Measurable> unpublished = new LinkedHashMap<>();
    private final List<MetricName> published = new ArrayList<>();

    public DeliveryMetrics(TaskMetrics pluginMetrics, Clock clock, Duration responseTimeout) {
        this.pluginMetrics = pluginMetrics;
        this.clock = clock;
        records = countAndRate("records-delivered", "records delivered to the function");
        batches = countAndRate("batches-delivered", "batches (invocations) the function accepted");
        bytes = countAndRate("bytes-delivered", "request body bytes the function accepted");
        deadLetters = countAndRate("dead-letter-queue-records", "records handed to the dead-letter queue");
        latency = own.sensor("invocation-latency");
        latency.add(name("invocation-latency-avg-ms", "average duration of an invocation attempt in ms"), new Avg());
        latency.add(name("invocation-latency-max-ms", "longest invocation attempt in ms"), new Max());
        latency.add(new Percentiles(HISTOGRAM_BYTES, responseTimeout.toMillis(), Percentiles.BucketSizing.LINEAR,
            new Percentile(name("invocation-latency-p99-ms", "99th percentile of invocation attempts in ms"), 99)));
        for (RetryCause cause : RetryCause.values()) {
            Sensor sensor = own.sensor("retries-" + cause.tag());
            sensor.add(name("retries-total", "failed invocation attempts that are retried, by cause",
                Map.of("cause", cause.tag())), new CumulativeSum());
            retries.put(cause, sensor);
            if (cause.mayBeTheRecords()) {
                isolated.put(cause, causeCount("records-isolated", "records the function rejected on their own,"
                    + " found by retrying their batch in parts, by cause", cause.tag()));
                deadLettersByCause.put(cause.tag(), deadLetterCount(cause.tag()));
            }
        }
        deadLettersByCause.put(INVALID_RECORD, deadLetterCount(INVALID_RECORD));
        MetricName syncLatency = pluginMetrics.metricName("sync-latency-ms", "now minus the source time up to which"
            + " the task delivered everything it received: es of the last delivered record, or, while the task holds"
            + " nothing undelivered, of the oldest record it then receives or of the latest Debezium heartbeat, in"
            + " ms; NaN before the first", Map.of());
        unpublished.put(syncLatency, (config, now) -> syncLatencyMillis());
        if (!publishPending()) {
            LOG.warn("The metrics of this sink task are still registered by its previous instance, which Connect"
                + " could not stop gracefully; they become visible once Connect has closed it");
        }
    }

    /** Publishes {@code undelivered-records}, the records the task accepted and has not yet delivered. */
    public synchronized void publishUndelivered(IntSupplier undelivered) {
        unpublished.put(pluginMetrics.metricName("undelivered-records", "records the task received and has not yet"
            + " delivered (or dead-lettered)", Map.of()), (config, now) -> undelivered.getAsInt());
        publishPending();
    }

    /**
     * Publishes the metrics whose names are free; a name still held by a previous instance of the task stays
     * pending. Cheap once everything is published.
     *
     * @return whether every metric is published
     */
    public synchronized boolean publishPending() {
        for (Iterator<Map.Entry<MetricName, Measurable>> pending = unpublished.entrySet().iterator();
             pending.hasNext(); ) {
            Map.Entry<MetricName, Measurable> metric = pending.next();
            try {
                pluginMetrics.addMetric(metric.getKey(), metric.getValue());
            } catch (IllegalArgumentException heldByPreviousInstance) {
                return false;
            }
            published.add(metric.getKey());
            pending.remove();
        }
        return true;
    }

    /** Withdraws the published metrics, so that a successor of this task can publish its own. */
    @Override
    public synchronized void close() {
        published.forEach(pluginMetrics::removeMetric);
        published.clear();
        unpublished.clear();
        pluginMetrics.close();
        own.close();
    }

    private Sensor causeCount(String base, String what, String cause) {
        Sensor sensor = own.sensor(base + "-" + cause);
        sensor.add(name(base + "-total", what, Map.of("cause", cause)), new CumulativeSum());
        return sensor;
    }

    private Sensor deadLetterCount(String cause) {
        return causeCount("dead-letter-queue-records", "records handed to the dead-letter queue, by cause", cause);
    }

    private Sensor countAndRate(String base, String what) {
        Sensor sensor = own.sensor(base);
        sensor.add(name(base + "-total", "total " + what), new CumulativeSum());
        sensor.add(name(base + "-rate", what + " per second"), new Rate());
        return sensor;
    }

    private MetricName name(String name, String description) {
        return name(name, description, Map.of());
    }

    /**
     * A sensor stat's name in the plugin metrics' group and tags, to be published as a gauge that reads the stat from
     * this task's registry (where the sensor registers it under this name).
     */
    private MetricName name(String name, String description, Map<String, String> tags) {
        MetricName metricName = pluginMetrics.metricName(name, description, tags);
        unpublished.put(metricName, (config, now) -> ((Number) own.metric(metricName).metricValue()).doubleValue());
        return metricName;
    }

    public void invocationFinished(Duration took) {
        latency.record(took.toNanos() / 1_000_000.0);
    }

    /** A batch of {@code rowCount} rows in {@code bodyBytes}, the last with source time {@code lastEs} (-1: none). */
    public void batchDelivered(int rowCount, int bodyBytes, long lastEs) {
        records.record(rowCount);
        batches.record();
        bytes.record(bodyBytes);
        if (lastEs >= 0) {
            syncedUpTo.set(lastEs);
        }
    }

    /**
     * A latency marker from a put that found the task holding nothing undelivered: every change it received before
     * is delivered, so the task is behind by no more than the oldest record of this put ({@code oldestNewEs}), or,
     * when the put brought no record with a source time, by no more than the heartbeat Debezium emitted last
     * ({@code newestHeartbeat}). -1: none. Set rather than raised, so that a record the heartbeat overtook (another
     * partition's, fetched later) shows its own delay.
     */
    public void caughtUp(long oldestNewEs, long newestHeartbeat) {
        long marker = oldestNewEs >= 0 ? oldestNewEs : newestHeartbeat;
        if (marker >= 0) {
            syncedUpTo.set(marker);
        }
    }

    public void retried(RetryCause cause) {
        retries.get(cause).record();
    }

    /** A record the function rejected on its own, isolated from its batch. */
    public void isolated(RetryCause cause) {
        isolated.get(cause).record();
    }

    /**
     * A record handed to the dead-letter queue: {@value #INVALID_RECORD} for one that could not be sent, else the
     * tag of the cause with which the function rejected it.
     */
    public void deadLettered(String cause) {
        deadLetters.record();
        deadLettersByCause.get(cause).record();
    }

    private double syncLatencyMillis() {
        long es = syncedUpTo.get();
        return es < 0 ? Double.NaN : clock.millis() - es;
    }
}
