package dev.binlogfc.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Connect's own offset-commit metrics of a task in this JVM's worker (kafka.connect:type=connector-task-metrics):
 * the longest commit and the share that failed, which is how a stalled commit shows.
 */
record OffsetCommitMetrics(String connector, double maxMillis, double averageMillis, double failurePercentage) {

    static OffsetCommitMetrics of(String connector) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName("kafka.connect:type=connector-task-metrics,connector=" + connector
                    + ",task=0");
            return new OffsetCommitMetrics(connector, number(server.getAttribute(name, "offset-commit-max-time-ms")),
                    number(server.getAttribute(name, "offset-commit-avg-time-ms")),
                    number(server.getAttribute(name, "offset-commit-failure-percentage")));
        } catch (JMException e) {
            throw new IllegalStateException("No offset-commit metrics for " + connector + "'s task 0: " + e, e);
        }
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: longest commit %.0f ms, mean %.1f ms, %.1f %% failed", connector,
                maxMillis, averageMillis, failurePercentage);
    }
}
