package dev.binlogfc.source.canal.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import dev.binlogfc.common.canal.CanalTypes;

/** Converts a Debezium data change event (an {@code Envelope} value) into a Canal DML record. */
public final class RowChangeConverter {

    /** Bounds the column cache; a task sees one row schema per captured table and schema version. */
    private static final int MAX_CACHED_SCHEMAS = 10_000;

    private final ColumnValueRenderer renderer;
    private final CanalFormat format;
    /** The serverId of rows for which Debezium reports server id 0 (snapshot reads). */
    private final long serverIdFallback;
    /**
     * Columns by row schema identity: Debezium reuses one row schema object per table version, and reading the
     * columns' source types from the schema parameters is most of the per-record cost otherwise.
     */
    private final IdentityCache<Schema, TableColumns> columnsBySchema = new IdentityCache<>(MAX_CACHED_SCHEMAS);

    public RowChangeConverter(ColumnValueRenderer renderer, CanalFormat format, long serverIdFallback) {
        this.renderer = renderer;
        this.format = format;
        this.serverIdFallback = serverIdFallback;
    }

    /**
     * @param envelope the event value
     * @param sourceOffset the record's source offset, empty when it has none
     * @param pkNames the key schema's field names, in order; empty when the table has no key
     * @param now the transform time, epoch ms, for {@code ts}
     * @throws DataException when the event cannot be shown as a Canal record
     */
    public CanalMessage convert(Struct envelope, Map<String, ?> sourceOffset, List<String> pkNames, long now) {
        String op = envelope.getString("op");
        DebeziumSource source = DebeziumSource.from(envelope.getStruct("source"), sourceOffset);
        String type = canalType(op, source);
        TableColumns columns = columnsOf(envelope, source);
        Struct image = requiredImage(envelope, "d".equals(op) ? "before" : "after", type, source);
        RowImage data = columns.render(image);
        RowImage old = "u".equals(op)
                ? oldImage(columns, requiredImage(envelope, "before", type, source), image, data)
                : null;
        long id = "r".equals(op)
                ? EventIds.fromIdentity(rowIdentity(source, pkNames, columns, data))
                : binlogId(source);
        return message(id, source, pkNames, type, columns, data, old, now);
    }

    /**
     * One UPDATE for a change of the primary key, which Debezium splits into a DELETE of the old key and a CREATE of
     * the new one, both at the same binlog row.
     *
     * @param delete the DELETE event (before image: the row with the old key)
     * @param create the CREATE event that followed it (after image: the row with the new key)
     */
    public CanalMessage convertKeyChange(Struct delete, Struct create, Map<String, ?> sourceOffset, List<String> pkNames,
                                         long now) {
        DebeziumSource source = DebeziumSource.from(create.getStruct("source"), sourceOffset);
        TableColumns columns = columnsOf(create, source);
        Struct after = requiredImage(create, "after", CanalTypes.UPDATE, source);
        RowImage data = columns.render(after);
        RowImage old = oldImage(columns, requiredImage(delete, "before", CanalTypes.UPDATE, source), after, data);
        return message(binlogId(source), source, pkNames, CanalTypes.UPDATE, columns, data, old, now);
    }

    private CanalMessage message(long id, DebeziumSource source, List<String> pkNames, String type, TableColumns columns,
                                 RowImage data, RowImage old, long now) {
        return new CanalMessage(id, source.database(), source.table(), pkNames, false, type,
                source.timestampMillis(), now, "", columns.sqlTypes(),
                columns.mysqlTypes(), data, old, source.serverIdOr(serverIdFallback));
    }

    /** The before and after fields share one schema, the table's row schema. */
    private TableColumns columnsOf(Struct envelope, DebeziumSource source) {
        return columnsBySchema.get(envelope.schema().field("after").schema(),
                rowSchema -> TableColumns.of(source, rowSchema, format, renderer));
    }

    private static long binlogId(DebeziumSource source) {
        return EventIds.fromBinlogPosition(source.binlogFile(), source.binlogPosition(), source.eventInTransaction(),
                source.rowInEvent());
    }

    /** The before image, or with {@link CanalFormat.OldImage#CHANGED} only the columns whose value changed. */
    private RowImage oldImage(TableColumns columns, Struct before, Struct after, RowImage afterImage) {
        return columns.renderBefore(before, after, afterImage, format.oldImage() == CanalFormat.OldImage.CHANGED);
    }

    private String canalType(String op, DebeziumSource source) {
        return switch (op == null ? "" : op) {
            case "r" -> format.snapshotType();
            case "c" -> CanalTypes.INSERT;
            case "u" -> CanalTypes.UPDATE;
            case "d" -> CanalTypes.DELETE;
            default -> throw new DataException("Debezium event for `" + source.database() + "`.`" + source.table()
                    + "` has op '" + op + "', which has no Canal DML type; only r, c, u, d (and t, which the Canal SMT"
                    + " turns into a TRUNCATE TABLE DDL record) are supported: list other operations in the Debezium"
                    + " connector's skipped.operations");
        };
    }

    private static Struct requiredImage(Struct envelope, String field, String type, DebeziumSource source) {
        Struct image = envelope.getStruct(field);
        if (image == null) {
            throw new DataException("Debezium " + type + " event for `" + source.database() + "`.`" + source.table()
                    + "` at " + source.binlogFile() + ":" + source.binlogPosition() + " has no '" + field + "' row image");
        }
        return image;
    }

    /** Database, table and the key columns' values; a table without a key is identified by all of its values. */
    private static List<String> rowIdentity(DebeziumSource source, List<String> pkNames, TableColumns columns,
                                            RowImage data) {
        List<String> identity = new ArrayList<>();
        identity.add(source.database());
        identity.add(source.table());
        for (String column : pkNames.isEmpty() ? data.columns() : pkNames) {
            Integer position = columns.position(column);
            identity.add(column);
            identity.add(position == null ? null : data.text(position));
        }
        return identity;
    }
}
