package dev.binlogfc.sink.fc.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connect may start a new instance of a task while the previous one, which it could not stop gracefully, still
 * holds the task's plugin metric names in the worker's registry (seen when the broker restarted mid-stream).
 */
class DeliveryMetricsSuccessionTest {

    private static final Map<String, String> TASK_TAGS = Map.of("connector", "fc-sink", "task", "0");
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private final Metrics workerRegistry = new Metrics();

    @AfterEach
    void closeRegistry() {
        workerRegistry.close();
    }

    @Test
    void aNewInstanceStartsWhileThePreviousHoldsTheNamesAndPublishesOnceTheyAreFree() throws Exception {
        PluginMetricsImpl previousPlugin = new PluginMetricsImpl(workerRegistry, TASK_TAGS);
        DeliveryMetrics previous = new DeliveryMetrics(new ConnectPluginMetrics(previousPlugin), Clock.systemUTC(), RESPONSE_TIMEOUT);
        previous.batchDelivered(5, 100, -1);

        DeliveryMetrics next = new DeliveryMetrics(new ConnectPluginMetrics(new PluginMetricsImpl(workerRegistry, TASK_TAGS)),
            Clock.systemUTC(), RESPONSE_TIMEOUT);
        next.batchDelivered(3, 60, -1);

        assertThat(next.publishPending()).as("names still held by the previous instance").isFalse();
        assertThat(published("records-delivered-total")).isEqualTo(5.0);

        previousPlugin.close();

        assertThat(next.publishPending()).isTrue();
        assertThat(published("records-delivered-total")).as("counted before it was visible").isEqualTo(3.0);
        assertThat(published("bytes-delivered-total")).isEqualTo(60.0);
        assertThat(published("sync-latency-ms")).isNaN();
    }

    @Test
    void closingWithdrawsThePublishedMetricsForASuccessor() {
        DeliveryMetrics metrics = new DeliveryMetrics(new ConnectPluginMetrics(new PluginMetricsImpl(workerRegistry, TASK_TAGS)),
            Clock.systemUTC(), RESPONSE_TIMEOUT);
        assertThat(published("records-delivered-total")).isZero();

        metrics.close();

        assertThat(workerRegistry.metrics().keySet()).noneMatch(name -> name.name().equals("records-delivered-total"));
        assertThat(new DeliveryMetrics(new ConnectPluginMetrics(new PluginMetricsImpl(workerRegistry, TASK_TAGS)), Clock.systemUTC(),
            RESPONSE_TIMEOUT).publishPending()).isTrue();
    }

    private double published(String name) {
        KafkaMetric metric = workerRegistry.metrics().entrySet().stream()
            .filter(entry -> entry.getKey().name().equals(name) && entry.getKey().tags().equals(TASK_TAGS))
            .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(name + " is not published"));
        return ((Number) metric.metricValue()).doubleValue();
    }
}
