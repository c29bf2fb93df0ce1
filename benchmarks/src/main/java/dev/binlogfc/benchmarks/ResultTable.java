package dev.binlogfc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's table in Markdown, each pipeline row compared with the Debezium-only row of the same load. */
final class ResultTable {

    static final String CEILING = "Debezium -> Kafka (ceiling)";

    private final List<LoadResult> results = new ArrayList<>();

    void add(LoadResult result) {
        results.add(result);
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| Load | Path | Rows | Delivered | Rows/s | % of ceiling | Writer rows/s | p50 ms | p99 ms "
                + "| max ms | CPU ms / 1k rows | Peak heap MB | Live heap MB | Duplicates |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadResult result : results) {
            table.append(String.format(Locale.ROOT,
                    "| %s | %s | %,d | %,d%s | %,.0f | %s | %s | %s | %s | %s | %.1f | %,d | %,d | %d |%n",
                    result.load(), result.path(), result.rows(), result.delivered(),
                    result.complete() ? "" : " (timed out)", result.rowsPerSecond(), ratioToCeiling(result),
                    result.writerRowsPerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f", result.writerRowsPerSecond()) : "-",
                    millis(result.latencyPercentile(0.50)), millis(result.latencyPercentile(0.99)),
                    millis(result.latencyPercentile(1.0)), result.cpuMillisPerThousandRows(),
                    result.usage().peakHeapBytes() / (1024 * 1024), result.usage().liveHeapBytes() / (1024 * 1024),
                    result.duplicates()));
        }
        return table.toString();
    }

    private String ratioToCeiling(LoadResult result) {
        if (result.path().equals(CEILING)) {
            return "100 %";
        }
        return results.stream()
                .filter(other -> other.path().equals(CEILING) && other.load().equals(result.load()))
                .findFirst()
                .filter(ceiling -> ceiling.rowsPerSecond() > 0)
                .map(ceiling -> String.format(Locale.ROOT, "%.0f %%", 100 * result.rowsPerSecond() / ceiling.rowsPerSecond()))
                .orElse("-");
    }

    private static String millis(long value) {
        return value < 0 ? "-" : Long.toString(value);
    }
}
