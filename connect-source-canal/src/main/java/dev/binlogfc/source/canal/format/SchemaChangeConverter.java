package dev.binlogfc.source.canal.format;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Struct;

import dev.binlogfc.common.canal.CanalTypes;

/**
 * Converts a Debezium schema change event (a {@code SchemaChangeValue} with databaseName, ddl, tableChanges and
 * source) into a Canal DDL record.
 */
public final class SchemaChangeConverter {

    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^\\s*CREATE\\s+TABLE\\b.*");

    /** The serverId of DDL for which Debezium reports server id 0 (the snapshot's CREATE statements). */
    private final long serverIdFallback;
    /** Whether the snapshot's CREATE TABLE statements are delivered; its other statements never are. */
    private final boolean snapshotCreateTable;

    /** @param snapshotCreateTable whether to deliver the CREATE TABLE statements the full copy (snapshot) reads */
    public SchemaChangeConverter(long serverIdFallback, boolean snapshotCreateTable) {
        this.serverIdFallback = serverIdFallback;
        this.snapshotCreateTable = snapshotCreateTable;
    }

    /**
     * @param sourceOffset the record's source offset, empty when it has none
     * @param now the transform time, epoch ms, for {@code ts}
     * @return the DDL record, or null for a statement of the full copy that is not delivered: DTS's full copy
     *         delivers rows only, and the DROP TABLE IF EXISTS that Debezium reads ahead of each CREATE TABLE would
     *         make a function that applies DDL drop its copy of the table at every new full copy
     */
    public CanalMessage convert(Struct schemaChange, Map<String, ?> sourceOffset, long now) {
        DebeziumSource source = DebeziumSource.from(schemaChange.getStruct("source"), sourceOffset);
        String ddl = orEmpty(schemaChange.getString("ddl"));
        if (source.snapshot() && !(snapshotCreateTable && CREATE_TABLE.matcher(ddl).matches())) {
            return null;
        }
        Optional<DdlTarget> named = DdlTarget.of(ddl);
        // A database the statement names beats the session's default database that Debezium reports.
        String database = firstNonEmpty(named.map(DdlTarget::database).orElse(null),
                schemaChange.getString("databaseName"), source.database());
        String table = firstNonEmpty(firstTable(schemaChange.getArray("tableChanges")),
                named.map(DdlTarget::table).orElse(null), source.table());
        // Snapshot DDL all carry the snapshot's position; identify them by what they say instead.
        long id = source.snapshot()
                ? EventIds.fromIdentity(List.of(database, table, ddl))
                : EventIds.fromBinlogPosition(source.binlogFile(), source.binlogPosition(),
                        source.eventInTransaction(), source.rowInEvent());
        return new CanalMessage(id, database, table, List.of(), true, CanalTypes.DDL, source.timestampMillis(), now,
                ddl, Map.of(), Map.of(), null, null, source.serverIdOr(serverIdFallback));
    }

    private static String firstTable(List<Object> tableChanges) {
        if (tableChanges == null || tableChanges.isEmpty()) {
            return null;
        }
        return QuotedIdentifier.lastPart(((Struct) tableChanges.get(0)).getString("id"));
    }

    /**
     * A TRUNCATE TABLE, which Debezium emits as a data change event with op 't' on the table's topic (when the
     * connector's skipped.operations does not list 't'), as a Canal DDL record.
     */
    public CanalMessage convertTruncate(Struct envelope, Map<String, ?> sourceOffset, long now) {
        DebeziumSource source = DebeziumSource.from(envelope.getStruct("source"), sourceOffset);
        String sql = "TRUNCATE TABLE `" + source.database().replace("`", "``") + "`.`" + source.table().replace("`", "``") + "`";
        long id = EventIds.fromBinlogPosition(source.binlogFile(), source.binlogPosition(), source.eventInTransaction(),
                source.rowInEvent());
        return new CanalMessage(id, source.database(), source.table(), List.of(), true, CanalTypes.DDL,
                source.timestampMillis(), now, sql, Map.of(), Map.of(), null, null,
                source.serverIdOr(serverIdFallback));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String firstNonEmpty(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty()) {
                return candidate;
            }
        }
        return "";
    }
}
