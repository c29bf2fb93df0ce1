package dev.binlogfc.sink.fc.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.sink.fc.invoke.RetryCause;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

/**
 * On workers older than Connect 4.1 the task context has no {@code pluginMetrics()}: calling it throws
 * {@link NoSuchMethodError}, as the compatibility test sees on real 3.x and 4.0 workers. The sink then publishes the
 * same metrics as JMX beans of its own, under the names Connect 4.1+ gives plugin metrics.
 */
class OwnJmxMetricsTest {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @Test
    void onAWorkerWithoutPluginMetricsTheMetricsAreOwnBeansUnderConnectsNames() throws Exception {
        ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=old-worker-sink,task=3");
        ObjectName throttled = new ObjectName(
            "kafka.connect:type=plugins,connector=old-worker-sink,task=3,cause=" + RetryCause.THROTTLED.tag());
        TaskMetrics published = TaskMetrics.forTask(contextOfAnOlderWorker(), "old-worker-sink", "3");
        assertThat(published).isInstanceOf(OwnJmxMetrics.class);

        try (DeliveryMetrics metrics = new DeliveryMetrics(published, Clock.systemUTC(), RESPONSE_TIMEOUT)) {
            metrics.batchDelivered(7, 700, -1);
            metrics.retried(RetryCause.THROTTLED);

            assertThat(JMX.getAttribute(task, "records-delivered-total")).isEqualTo(7.0);
            assertThat(JMX.getAttribute(task, "bytes-delivered-total")).isEqualTo(700.0);
            assertThat((Double) JMX.getAttribute(task, "sync-latency-ms")).isNaN();
            assertThat(JMX.getAttribute(throttled, "retries-total")).isEqualTo(1.0);
        }
        assertThat(JMX.isRegistered(task)).as("withdrawn when the task closes").isFalse();
    }

    @Test
    void aNewInstancePublishesOnlyOnceThePreviousOneHasClosed() throws Exception {
        ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=succession-sink,task=0");
        DeliveryMetrics previous = new DeliveryMetrics(TaskMetrics.forTask(contextOfAnOlderWorker(),
            "succession-sink", "0"), Clock.systemUTC(), RESPONSE_TIMEOUT);
        previous.batchDelivered(5, 100, -1);
        DeliveryMetrics next = new DeliveryMetrics(TaskMetrics.forTask(contextOfAnOlderWorker(),
            "succession-sink", "0"), Clock.systemUTC(), RESPONSE_TIMEOUT);
        next.batchDelivered(2, 40, -1);

        assertThat(next.publishPending()).isFalse();
        assertThat(JMX.getAttribute(task, "records-delivered-total")).isEqualTo(5.0);

        previous.close();

        assertThat(next.publishPending()).isTrue();
        assertThat(JMX.getAttribute(task, "records-delivered-total")).isEqualTo(2.0);
        next.close();
        assertThat(JMX.isRegistered(task)).isFalse();
    }

    /** A task context as a Connect 3.x or 4.0 worker links it: it lacks the KIP-877 method. */
    private static SinkTaskContext contextOfAnOlderWorker() {
        return (SinkTaskContext) Proxy.newProxyInstance(SinkTaskContext.class.getClassLoader(),
            new Class<?>[] {SinkTaskContext.class}, (proxy, method, args) -> {
                throw new NoSuchMethodError("'org.apache.kafka.common.metrics.PluginMetrics "
                    + "org.apache.kafka.connect.sink.SinkTaskContext.pluginMetrics()'");
            });
    }
}
