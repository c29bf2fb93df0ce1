package dev.binlogfc.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cluster suite's sizes, from system properties ({@code cluster.*}); the exec profile passes the pom's defaults.
 * {@code rebalanceDelaysMs} lists the {@code scheduled.rebalance.max.delay.ms} values to run the suite with, one
 * whole run (a fresh stack) each.
 */
record ClusterSettings(int keys, int tables, int partitions, int changesPerSecond, int txRows, int calmSeconds,
                       List<Integer> rebalanceDelaysMs, Path report, Path connectors) {

    private static final String DELAYS = "cluster.rebalanceDelays";

    static ClusterSettings fromSystemProperties() {
        return new ClusterSettings(SystemProperties.positiveInt("cluster.keys", 300),
                SystemProperties.positiveInt("cluster.tables", 3),
                SystemProperties.positiveInt("cluster.partitions", 2),
                SystemProperties.positiveInt("cluster.rate", 200),
                SystemProperties.positiveInt("cluster.txRows", 10),
                SystemProperties.positiveInt("cluster.calmSeconds", 10),
                delays(System.getProperty(DELAYS, "0,20000")),
                Path.of(System.getProperty("bench.report", "BENCHMARKS.md")),
                Path.of(System.getProperty("bench.connectors", "examples/connectors")));
    }

    String command() {
        return "./mvnw -q -pl benchmarks -am package -DskipTests -Pcluster -Dcluster.keys=" + keys
                + " -Dcluster.tables=" + tables + " -Dcluster.partitions=" + partitions + " -Dcluster.rate="
                + changesPerSecond + " -Dcluster.txRows=" + txRows + " -Dcluster.calmSeconds=" + calmSeconds
                + " -D" + DELAYS + "=" + rebalanceDelaysMs.stream().map(String::valueOf)
                        .collect(Collectors.joining(","));
    }

    private static List<Integer> delays(String text) {
        List<Integer> delays = new ArrayList<>();
        for (String delay : text.split(",")) {
            try {
                int parsed = Integer.parseInt(delay.strip());
                if (parsed < 0) {
                    throw new NumberFormatException();
                }
                delays.add(parsed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + DELAYS + " takes milliseconds >= 0 separated by commas, "
                        + "e.g. 0,20000; '" + delay + "' is not one");
            }
        }
        return List.copyOf(delays);
    }
}
