package dev.binlogfc.source.canal.format;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;

/**
 * Converts a Debezium schema change event (a {@code SchemaChangeValue} with databaseName, ddl, tableChanges and
 * source) into a Canal DDL record.
 */
public final class SchemaChangeConverter {

    /**
     * @param sourceOffset the record's source offset, empty when it has none
     * @param now the transform time, epoch ms, for {@code ts}
     */
    public CanalMessage convert(Struct schemaChange, Map<String, ?> sourceOffset, long now) {
        DebeziumSource source = DebeziumSource.from(schemaChange.getStruct("source"), sourceOffset);
        String database = orEmpty(schemaChange.getString("databaseName"));
        String table = firstTable(schemaChange.getArray("tableChanges"));
        String ddl = orEmpty(schemaChange.getString("ddl"));
        // Snapshot DDL all carry the snapshot's position; identify them by what they say instead.
        long id = source.snapshot()
                ? EventIds.fromIdentity(List.of(database, table, ddl))
                : EventIds.fromBinlogPosition(source.binlogFile(), source.binlogPosition(),
                        source.eventInTransaction(), source.rowInEvent());
        return new CanalMessage(id, database, table, List.of(), true, "DDL", source.timestampMillis(), now, ddl,
                Map.of(), Map.of(), null, null, String.valueOf(source.serverId()));
    }

    private static String firstTable(List<Object> tableChanges) {
        if (tableChanges == null || tableChanges.isEmpty()) {
            return "";
        }
        return QuotedIdentifier.lastPart(((Struct) tableChanges.get(0)).getString("id"));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
