package dev.binlogfc.source.canal.config;

import java.util.Arrays;
import java.util.Collection;
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
    INCREMENTAL("no_data", SyncType.INCREMENTAL),
    /** A consistent copy of the existing rows first, then the changes from the binlog position of that copy. */
    FULL_AND_INCREMENTAL("initial", SyncType.FULL, SyncType.INCREMENTAL);

    private final String snapshotMode;
    private final Set<SyncType> types;

    SyncTypes(String snapshotMode, SyncType... types) {
        this.snapshotMode = snapshotMode;
        this.types = Set.of(types);
    }

    /** Debezium's {@code snapshot.mode} for these types. */
    public String snapshotMode() {
        return snapshotMode;
    }

    /** The value of {@code sync.types} naming these types, e.g. {@code full,incremental}. */
    public String configValue() {
        return types.stream().sorted().map(SyncType::value).collect(Collectors.joining(","));
    }

    /** The combination the listed types make; empty if DTS offers none such. */
    static Optional<SyncTypes> of(Collection<SyncType> listed) {
        Set<SyncType> requested = Set.copyOf(listed);
        return Arrays.stream(values()).filter(combination -> combination.types.equals(requested)).findFirst();
    }
}
