package dev.binlogfc.benchmarks;

import java.nio.file.Path;
import java.util.Map;

/** The fault suite's sizes, from system properties ({@code faults.*}); the exec profile passes the pom's defaults. */
record FaultSettings(int keys, int changesPerSecond, int txRows, int downSeconds, int phaseSeconds, int calmSeconds,
                     Map<String, String> sourceChanges, Path report, Path connectors) {

    static FaultSettings fromSystemProperties() {
        return new FaultSettings(SystemProperties.positiveInt("faults.keys", 200), SystemProperties.positiveInt("faults.rate", 200),
                SystemProperties.positiveInt("faults.txRows", 10), SystemProperties.positiveInt("faults.downSeconds", 60),
                SystemProperties.positiveInt("faults.phaseSeconds", 30), SystemProperties.positiveInt("faults.calmSeconds", 10),
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

}
