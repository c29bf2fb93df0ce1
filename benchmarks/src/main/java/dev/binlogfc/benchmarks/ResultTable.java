package dev.binlogfc.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's table in Markdown, each pipeline row compared with the Debezium-only row of the same load. */
final class ResultTable {

    static final String CEILING = "Debezium -> Kafka (ceiling)";

    private final List<LoadResult> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Ratios to the ceiling measured round by round (load, then path), which the table shows instead. */
    private final Map<List<String>, Double> pairedRatios = new HashMap<>();

    void add(LoadResult result) {
        results.add(result);
    }

    /** Shows {@code ratio} as the pipeline row's share of the ceiling for {@code load}. */
    void pairedRatio(String load, String path, double ratio) {
        pairedRatios.put(List.of(load, path), ratio);
    }

    /** A paragraph printed under the table. */
    void note(String text) {
        notes.add(text);
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| Load | Path | Rows | Delivered | Rows/s | % of ceiling | Writer rows/s | p50 ms | p99 ms "
                + "| max ms | CPU ms / 1k rows | Peak heap MB | Live heap MB | Duplicates |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<LoadResult> byPath = byPath();
        for (LoadResult result : byPath) {
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
        notes.forEach(note -> table.append('\n').append(note).append('\n'));
        table.append('\n').append(cpuByThread(byPath));
        return table.toString();
    }

    /** The ceiling's rows first, each path's loads in the order they ran. */
    private List<LoadResult> byPath() {
        List<LoadResult> byPath = new ArrayList<>(results);
        byPath.sort(Comparator.comparing(result -> !result.path().equals(CEILING)));
        return byPath;
    }

    /** Each load's CPU ms per 1,000 rows split by thread role, with the Connect worker's connector threads summed. */
    private static String cpuByThread(List<LoadResult> byPath) {
        StringBuilder table = new StringBuilder("CPU ms per 1,000 rows by thread (the same loads; *connector threads* "
                + "adds up the roles that run in the Connect worker for the connectors, without their share of JIT "
                + "and GC):\n\n| Load | Path |");
        StringBuilder alignment = new StringBuilder("|---|---|");
        for (ThreadRole role : ThreadRole.values()) {
            table.append(' ').append(role.label()).append(" |");
            alignment.append("---:|");
        }
        table.append(" connector threads |\n").append(alignment).append("---:|\n");
        for (LoadResult result : byPath) {
            table.append("| ").append(result.load()).append(" | ").append(result.path()).append(" |");
            for (ThreadRole role : ThreadRole.values()) {
                table.append(String.format(Locale.ROOT, " %.1f |", result.cpuMillisPerThousandRows(role)));
            }
            table.append(String.format(Locale.ROOT, " %.1f |%n", result.connectorThreadMillisPerThousandRows()));
        }
        return table.toString();
    }

    private String ratioToCeiling(LoadResult result) {
        if (result.path().equals(CEILING)) {
            return "100 %";
        }
        Double paired = pairedRatios.get(List.of(result.load(), result.path()));
        if (paired != null) {
            return String.format(Locale.ROOT, "%.0f %%", 100 * paired);
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
