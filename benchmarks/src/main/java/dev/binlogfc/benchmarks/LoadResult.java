package dev.binlogfc.benchmarks;

/**
 * One row of the table: a load through one path.
 *
 * @param rows changes (or copied rows) expected
 * @param delivered how many of them arrived within the timeout
 * @param elapsedMillis from the start of the load (connector start, or first commit) to the last arrival
 * @param latenciesMillis sorted commit-to-receipt latencies, empty for a full copy
 */
record LoadResult(String load, String path, int rows, int delivered, long duplicates, long elapsedMillis,
                  double writerRowsPerSecond, long[] latenciesMillis, ResourceMeter.Usage usage) {

    boolean complete() {
        return delivered == rows;
    }

    double rowsPerSecond() {
        return elapsedMillis <= 0 ? 0 : delivered * 1000.0 / elapsedMillis;
    }

    /** The latency below which {@code fraction} of the changes arrived, -1 when there is none. */
    long latencyPercentile(double fraction) {
        if (latenciesMillis.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(fraction * latenciesMillis.length) - 1;
        return latenciesMillis[Math.max(0, Math.min(index, latenciesMillis.length - 1))];
    }

    double cpuMillisPerThousandRows() {
        return perThousandRows(usage.cpuNanos());
    }

    /** CPU ms per 1,000 rows of the threads in {@code role}. */
    double cpuMillisPerThousandRows(ThreadRole role) {
        return perThousandRows(usage.cpuNanosByRole().getOrDefault(role, 0L));
    }

    /** CPU ms per 1,000 rows of the Connect worker's connector threads. */
    double connectorThreadMillisPerThousandRows() {
        return perThousandRows(usage.connectorThreadCpuNanos());
    }

    private double perThousandRows(long cpuNanos) {
        return delivered == 0 ? 0 : cpuNanos / 1e6 / delivered * 1000;
    }
}
