package dev.binlogfc.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's sizes and connector changes, from system properties ({@code bench.*}); the exec profile passes
 * the pom's defaults. {@code -Dbench.source=KEY=VALUE,KEY=VALUE} and {@code -Dbench.sink=...} set connector keys
 * on top of the shipped configs and the benchmark's own choices.
 */
record BenchmarkSettings(int rows, int copyWarmUpRounds, int copyRounds, int changes, int txRows,
                         int catchUpWarmUpRounds, int catchUpRounds,
                         int catchUpChanges, int steadyRate,
                         int steadySeconds, int steadyTxRows, String heap, String java, Path report, Path connectors,
                         Map<String, String> sourceChanges, Map<String, String> sinkChanges) {

    private static final String SOURCE = "bench.source";
    private static final String SINK = "bench.sink";
    /** The {@code java} on the PATH, which the exec profile runs unless {@code -Dbench.java} names another. */
    private static final String DEFAULT_JAVA = "java";

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(SystemProperties.positiveInt("bench.rows", 1_000_000),
                SystemProperties.positiveInt("bench.copyWarmUpRounds", 1),
                SystemProperties.positiveInt("bench.copyRounds", 4),
                SystemProperties.positiveInt("bench.changes", 200_000),
                SystemProperties.positiveInt("bench.txRows", 100),
                SystemProperties.positiveInt("bench.catchUpWarmUpRounds", 2),
                SystemProperties.positiveInt("bench.catchUpRounds", 6),
                SystemProperties.positiveInt("bench.catchUpChanges", 500_000),
                SystemProperties.positiveInt("bench.steadyRate", 1_000),
                SystemProperties.positiveInt("bench.steadySeconds", 60), SystemProperties.positiveInt("bench.steadyTxRows", 10),
                System.getProperty("bench.heap", "6g"), System.getProperty("bench.java", DEFAULT_JAVA),
                Path.of(System.getProperty("bench.report", "BENCHMARKS.md")),
                Path.of(System.getProperty("bench.connectors", "examples/connectors")),
                keyValues(SOURCE), keyValues(SINK));
    }

    /** The command that reproduces this run. */
    String command() {
        StringBuilder command = new StringBuilder("./mvnw -q -pl benchmarks -am package -DskipTests -Pbenchmark");
        command.append(" -Dbench.rows=").append(rows)
                .append(" -Dbench.copyWarmUpRounds=").append(copyWarmUpRounds)
                .append(" -Dbench.copyRounds=").append(copyRounds)
                .append(" -Dbench.changes=").append(changes)
                .append(" -Dbench.txRows=").append(txRows)
                .append(" -Dbench.catchUpWarmUpRounds=").append(catchUpWarmUpRounds)
                .append(" -Dbench.catchUpRounds=").append(catchUpRounds)
                .append(" -Dbench.catchUpChanges=").append(catchUpChanges)
                .append(" -Dbench.steadyRate=").append(steadyRate)
                .append(" -Dbench.steadySeconds=").append(steadySeconds)
                .append(" -Dbench.steadyTxRows=").append(steadyTxRows).append(" -Dbench.heap=").append(heap);
        if (!java.equals(DEFAULT_JAVA)) {
            command.append(" -Dbench.java=").append(java);
        }
        appendKeyValues(command, SOURCE, sourceChanges);
        appendKeyValues(command, SINK, sinkChanges);
        return command.toString();
    }


    private static void appendKeyValues(StringBuilder command, String property, Map<String, String> values) {
        if (!values.isEmpty()) {
            command.append(" -D").append(property).append('=');
            values.forEach((key, value) -> command.append(key).append('=').append(value).append(','));
            command.setLength(command.length() - 1);
        }
    }

    /** The {@code key=value,key=value} pairs of a system property, empty when it is unset or blank. */
    static Map<String, String> keyValues(String property) {
        Map<String, String> values = new TreeMap<>();
        String text = System.getProperty(property, "").strip();
        if (text.isEmpty()) {
            return values;
        }
        for (String pair : text.split(",")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("-D" + property + " takes key=value pairs separated by commas, "
                        + "e.g. batch.linger.ms=5,max.concurrent.invocations=8; '" + pair + "' has no key=value");
            }
            values.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return values;
    }
}
