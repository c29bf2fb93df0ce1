package dev.binlogfc.source.canal.format;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was derived from an object that Debezium reuses for every row of a table version (its row schema, its column
 * list), found by identity: cheaper than equals over a schema, and exact since a new table version is a new object.
 * Bounded, so that a task seeing ever new schemas cannot grow it without end; when full it starts over.
 *
 * <p>Not thread-safe: a transform instance and what it owns run on its task's thread only.
 */
final class IdentityCache<K, V> {

    private final int maxEntries;
    private final Map<K, V> entries = new IdentityHashMap<>();

    IdentityCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    V get(K key, Function<K, V> derive) {
        V value = entries.get(key);
        if (value == null) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            value = derive.apply(key);
            entries.put(key, value);
        }
        return value;
    }
}
