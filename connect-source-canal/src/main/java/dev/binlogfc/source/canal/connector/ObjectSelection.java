package dev.binlogfc.source.canal.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.debezium.relational.Selectors;
import io.debezium.relational.TableId;

import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.TableName;

/**
 * The objects a connector synchronizes, as Debezium's four include/exclude lists decide them (whatever DTS-style keys
 * they came from), so that a task can tell which tables a config update added.
 *
 * <p>The task remembers the selection in its source offset, next to Debezium's position: every record it hands on
 * carries the selection it was read under, so that the committed offset always names the selection whose tables
 * have been taken care of, across restarts, task reconfiguration and failures.
 */
final class ObjectSelection {

    /** The offset key holding the selection, beside Debezium's own keys (which Debezium ignores). */
    static final String OFFSET_KEY = "binlogfc.selection";

    private static final List<String> LIST_KEYS = List.of(DebeziumSettings.DATABASE_INCLUDE_LIST,
            DebeziumSettings.DATABASE_EXCLUDE_LIST, DebeziumSettings.TABLE_INCLUDE_LIST,
            DebeziumSettings.TABLE_EXCLUDE_LIST);
    /** The server's own databases, which Debezium never captures. */
    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema",
            "sys");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> lists;
    /** Written into every record's offset, so computed once. */
    private final String json;

    ObjectSelection(Map<String, String> lists) {
        this.lists = Collections.unmodifiableMap(new TreeMap<>(lists));
        try {
            this.json = JSON.writeValueAsString(this.lists);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The selection the Debezium settings make. */
    static ObjectSelection of(Map<String, String> debeziumProperties) {
        Map<String, String> lists = new HashMap<>();
        for (String key : LIST_KEYS) {
            String value = debeziumProperties.get(key);
            if (value != null && !value.isBlank()) {
                lists.put(key, value);
            }
        }
        return new ObjectSelection(lists);
    }

    /** The selection a committed offset was read under; empty for none, or an offset written before it was kept. */
    static Optional<ObjectSelection> fromOffset(Map<String, ?> offset) {
        if (offset == null || !(offset.get(OFFSET_KEY) instanceof String json)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectSelection(JSON.readValue(json, new TypeReference<Map<String, String>>() { })));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + OFFSET_KEY + " in the source offset: " + json, e);
        }
    }

    /** {@code offset} with this selection added. */
    Map<String, Object> addTo(Map<String, ?> offset) {
        Map<String, Object> withSelection = new LinkedHashMap<>(offset);
        withSelection.put(OFFSET_KEY, json());
        return withSelection;
    }

    /** The selection as the offset stores it. */
    String json() {
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectSelection selection && lists.equals(selection.lists);
    }

    @Override
    public int hashCode() {
        return lists.hashCode();
    }

    @Override
    public String toString() {
        return "ObjectSelection" + lists;
    }

    /** The tables among {@code tables} that this selection includes and {@code previous} did not. */
    List<TableName> addedSince(ObjectSelection previous, Collection<TableName> tables) {
        Predicate<TableId> now = predicate();
        Predicate<TableId> before = previous.predicate();
        return tables.stream()
                .filter(table -> !SYSTEM_DATABASES.contains(table.database().toLowerCase(Locale.ROOT)))
                .filter(table -> {
                    TableId id = new TableId(table.database(), null, table.table());
                    return now.test(id) && !before.test(id);
                })
                .sorted(Comparator.comparing(TableName::toString))
                .toList();
    }

    /** Whether a table is selected, by Debezium's own matching of the include/exclude lists. */
    Predicate<TableId> predicate() {
        return Selectors.tableSelector()
                .includeDatabases(lists.get(DebeziumSettings.DATABASE_INCLUDE_LIST))
                .excludeDatabases(lists.get(DebeziumSettings.DATABASE_EXCLUDE_LIST))
                .includeTables(lists.get(DebeziumSettings.TABLE_INCLUDE_LIST))
                .excludeTables(lists.get(DebeziumSettings.TABLE_EXCLUDE_LIST))
                .build();
    }
}
