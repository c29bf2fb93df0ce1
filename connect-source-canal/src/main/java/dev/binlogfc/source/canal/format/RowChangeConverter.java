package dev.binlogfc.source.canal.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Converts a Debezium data change event (an {@code Envelope} value) into a Canal DML record. */
public final class RowChangeConverter {

    private final ColumnValueRenderer renderer;

    public RowChangeConverter(ColumnValueRenderer renderer) {
        this.renderer = renderer;
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
        // The before and after fields share one schema, the table's row schema.
        TableColumns columns = TableColumns.of(source.database(), source.table(),
                envelope.schema().field("after").schema());
        Map<String, String> data = columns.render(requiredImage(envelope, "d".equals(op) ? "before" : "after", type, source),
                renderer);
        Map<String, String> old = "u".equals(op)
                ? columns.render(requiredImage(envelope, "before", type, source), renderer)
                : null;
        long id = "r".equals(op)
                ? EventIds.fromIdentity(rowIdentity(source, pkNames, data))
                : EventIds.fromBinlogPosition(source.binlogFile(), source.binlogPosition(),
                        source.eventInTransaction(), source.rowInEvent());
        return new CanalMessage(id, source.database(), source.table(), pkNames, false, type,
                source.timestampMillis(), now, "", columns.sqlTypes(), columns.mysqlTypes(), data, old,
                String.valueOf(source.serverId()));
    }

    private static String canalType(String op, DebeziumSource source) {
        return switch (op == null ? "" : op) {
            case "r" -> "INIT";
            case "c" -> "INSERT";
            case "u" -> "UPDATE";
            case "d" -> "DELETE";
            default -> throw new DataException("Debezium event for `" + source.database() + "`.`" + source.table()
                    + "` has op '" + op + "', which has no Canal DML type; keep skipped.operations=t (the default)"
                    + " on the Debezium connector so TRUNCATE events are not emitted");
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
    private static List<String> rowIdentity(DebeziumSource source, List<String> pkNames, Map<String, String> data) {
        List<String> identity = new ArrayList<>();
        identity.add(source.database());
        identity.add(source.table());
        for (String column : pkNames.isEmpty() ? data.keySet() : pkNames) {
            identity.add(column);
            identity.add(data.get(column));
        }
        return identity;
    }
}
