package dev.binlogfc.sink.fc.metrics;

import dev.binlogfc.sink.fc.delivery.RetryCause;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * The task's delivery metrics, registered through Connect's plugin metrics so that they appear in JMX as
 * {@code kafka.connect:type=plugins,connector=<name>,task=<id>} attributes next to Connect's own task metrics.
 * Thread-safe: Kafka's sensors synchronise their updates.
 */
public final class DeliveryMetrics {

    /** Memory of the latency histogram; with linear buckets it resolves about 1 ms near zero. */
    private static final int HISTOGRAM_BYTES = 8_000;

    private final PluginMetrics metrics;
    private final Clock clock;
    /** Sensor names are global in the worker's registry; a per-task prefix keeps two tasks' sensors apart. */
    private final String sensorPrefix = "binlogfc-fc-sink-" + UUID.randomUUID() + "-";
    private final Sensor records;
    private final Sensor batches;
    private final Sensor bytes;
    private final Sensor latency;
    private final Sensor deadLetters;
    private final Map<RetryCause, Sensor> retries = new EnumMap<>(RetryCause.class);
    private final AtomicLong lastDeliveredSourceTime = new AtomicLong(-1);

    public DeliveryMetrics(PluginMetrics metrics, Clock clock, Duration responseTimeout) {
        this.metrics = metrics;
        this.clock = clock;
        records = countAndRate("records-delivered", "records delivered to the function");
        batches = countAndRate("batches-delivered", "batches (invocations) the function accepted");
        bytes = countAndRate("bytes-delivered", "request body bytes the function accepted");
        deadLetters = countAndRate("dead-letter-queue-records", "records handed to the dead-letter queue");
        latency = metrics.addSensor(sensorPrefix + "invocation-latency");
        latency.add(name("invocation-latency-avg-ms", "average duration of an invocation attempt in ms"), new Avg());
        latency.add(name("invocation-latency-max-ms", "longest invocation attempt in ms"), new Max());
        latency.add(new Percentiles(HISTOGRAM_BYTES, responseTimeout.toMillis(), Percentiles.BucketSizing.LINEAR,
            new Percentile(name("invocation-latency-p99-ms", "99th percentile of invocation attempts in ms"), 99)));
        for (RetryCause cause : RetryCause.values()) {
            Sensor sensor = metrics.addSensor(sensorPrefix + "retries-" + cause.tag());
            sensor.add(name("retries-total", "failed invocation attempts that are retried, by cause",
                Map.of("cause", cause.tag())), new CumulativeSum());
            retries.put(cause, sensor);
        }
        metrics.addMetric(name("sync-latency-ms", "now minus es (source time) of the last delivered record, in ms;"
            + " NaN before the first delivery"), (Measurable) (config, now) -> syncLatencyMillis());
    }

    private Sensor countAndRate(String base, String what) {
        Sensor sensor = metrics.addSensor(sensorPrefix + base);
        sensor.add(name(base + "-total", "total " + what), new CumulativeSum());
        sensor.add(name(base + "-rate", what + " per second"), new Rate());
        return sensor;
    }

    private MetricName name(String name, String description) {
        return name(name, description, Map.of());
    }

    private MetricName name(String name, String description, Map<String, String> tags) {
        return metrics.metricName(name, description, new LinkedHashMap<>(tags));
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
            lastDeliveredSourceTime.set(lastEs);
        }
    }

    public void retried(RetryCause cause) {
        retries.get(cause).record();
    }

    public void deadLettered() {
        deadLetters.record();
    }

    private double syncLatencyMillis() {
        long es = lastDeliveredSourceTime.get();
        return es < 0 ? Double.NaN : clock.millis() - es;
    }
}
