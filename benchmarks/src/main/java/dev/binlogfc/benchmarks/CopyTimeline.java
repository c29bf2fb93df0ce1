package dev.binlogfc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the copied rows that arrive in each interval of a full copy, so that a rate falling as the table grows
 * shows, which a mean over the whole copy hides; hands every record on to {@code next}.
 */
final class CopyTimeline implements Delivery {

    private final Delivery next;
    private final long startMillis;
    private final long intervalMillis;
    private final List<Long> rowsPerInterval = new ArrayList<>();

    CopyTimeline(Delivery next, long startMillis, long intervalMillis) {
        this.next = next;
        this.startMillis = startMillis;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public synchronized void received(long id, long version, boolean snapshot, long receiptMillis) {
        if (snapshot) {
            int interval = (int) Math.max(0, (receiptMillis - startMillis) / intervalMillis);
            while (rowsPerInterval.size() <= interval) {
                rowsPerInterval.add(0L);
            }
            rowsPerInterval.set(interval, rowsPerInterval.get(interval) + 1);
        }
        next.received(id, version, snapshot, receiptMillis);
    }

    /** Rows per second in each interval from the start, the last one (usually partial) left out. */
    synchronized List<Long> rowsPerSecond() {
        return rowsPerInterval.subList(0, Math.max(0, rowsPerInterval.size() - 1)).stream()
                .map(rows -> rows * 1000 / intervalMillis).toList();
    }
}
