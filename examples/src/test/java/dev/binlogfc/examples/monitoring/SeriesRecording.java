package dev.binlogfc.examples.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The series of a live worker's scrapes, one scrape every {@link #INTERVAL_SECONDS}, kept for the metric names the
 * rules read and written as promtool's {@code input_series} (a missing sample is {@code _}).
 */
final class SeriesRecording {

    static final int INTERVAL_SECONDS = 5;

    private final Set<String> names;
    private final List<Map<String, Double>> scrapes = new ArrayList<>();

    SeriesRecording(Set<String> names) {
        this.names = names;
    }

    synchronized void add(PrometheusScrape scrape) {
        Map<String, Double> values = new HashMap<>();
        for (PrometheusScrape.Sample sample : scrape.samples()) {
            if (names.contains(sample.name())) {
                values.put(sample.series(), sample.value());
            }
        }
        scrapes.add(values);
    }

    /** Scrapes so far; scrape {@code i} is at {@code i * INTERVAL_SECONDS} in promtool's time. */
    synchronized int size() {
        return scrapes.size();
    }

    synchronized List<Map<String, String>> inputSeries() {
        Set<String> series = new TreeSet<>();
        scrapes.forEach(values -> series.addAll(values.keySet()));
        List<Map<String, String>> input = new ArrayList<>();
        for (String one : series) {
            StringBuilder values = new StringBuilder();
            for (Map<String, Double> scrape : scrapes) {
                Double value = scrape.get(one);
                values.append(values.length() == 0 ? "" : " ").append(value == null ? "_" : number(value));
            }
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("series", one);
            entry.put("values", values.toString());
            input.add(entry);
        }
        return input;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
