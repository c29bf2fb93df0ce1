package dev.binlogfc.benchmarks;

import java.nio.file.Path;
import java.util.Map;

/** The fault suite's sizes, from system properties ({@code faults.*}); the exec profile passes the pom's defaults. */
record FaultSettings(int keys, int changesPerSecond, int txRows, int downSeconds, int phaseSeconds, int calmSeconds,
                     Map<String, String> sourceChanges, Path report, Path connectors) {

    static FaultSettings fromSystemProperties() {
        return new FaultSettings(positive("faults.keys", 200), positive("faults.rate", 200),
                positive("faults.txRows", 10), positive("faults.downSeconds", 60),
                positive("faults.phaseSeconds", 30), positive("faults.calmSeconds", 10),
                BenchmarkSettings.keyValues("faults.source"),
                Path.of(System.getProperty("bench.report", "BENCHMARKS.md")),
                Path.of(System.getProperty("bench.connectors", "examples/connectors")));
    }

    String command() {
        return "./mvnw -q -pl benchmarks -am package -DskipTests -Pfaults -Dfaults.keys=" + keys
                + " -Dfaults.rate=" + changesPerSecond + " -Dfaults.txRows=" + txRows + " -Dfaults.downSeconds="
                + downSeconds + " -Dfaults.phaseSeconds=" + phaseSeconds + " -Dfaults.calmSeconds=" + calmSeconds
                + (sourceChanges.isEmpty() ? "" : " -Dfaults.source=" + String.join(",", sourceChanges.entrySet()
                        .stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList()));
    }

    private static int positive(String name, int defaultValue) {
        String value = System.getProperty(name);
        try {
            int parsed = value == null ? defaultValue : Integer.parseInt(value.strip());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a positive whole number, not '" + value + "'");
        }
    }
}
