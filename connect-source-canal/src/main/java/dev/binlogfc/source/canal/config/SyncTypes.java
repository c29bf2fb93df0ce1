package dev.binlogfc.source.canal.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DTS's synchronization types and the Debezium snapshot mode that implements each.
 *
 * <p>Both modes resume from the committed offsets on restart; only a connector without offsets copies the
 * existing rows (as INIT records) when full synchronization is selected.
 */
public enum SyncTypes {
    /** Only changes made from now on; Debezium still records the table structures, but copies no rows. */
    INCREMENTAL("no_data", "incremental"),
    /** A consistent copy of the existing rows first, then the changes from the binlog position of that copy. */
    FULL_AND_INCREMENTAL("initial", "full", "incremental");

    private final String snapshotMode;
    private final Set<String> names;

    SyncTypes(String snapshotMode, String... names) {
        this.snapshotMode = snapshotMode;
        this.names = Set.of(names);
    }

    /** Debezium's {@code snapshot.mode} for these types. */
    public String snapshotMode() {
        return snapshotMode;
    }

    /** The value of {@code sync.types} naming these types, e.g. {@code full,incremental}. */
    public String configValue() {
        return names.stream().sorted().collect(Collectors.joining(","));
    }

    static Optional<SyncTypes> of(List<String> configValue) {
        Set<String> requested = configValue.stream().map(name -> name.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return Arrays.stream(values()).filter(types -> types.names.equals(requested)).findFirst();
    }
}
