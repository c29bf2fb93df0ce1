package dev.binlogfc.source.canal.format;

import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The parts of the {@code source} block of a Debezium MySQL/MariaDB event that a Canal record needs.
 *
 * @param database source.db (may be null for DDL that is not bound to a database)
 * @param table source.table (may be null)
 * @param timestampMillis source.ts_ms, when the change happened in the database
 * @param serverId source.server_id (0 for what the snapshot read: Debezium does not know the server's id then)
 * @param binlogFile source.file, e.g. "mysql-bin.000003"
 * @param binlogPosition source.pos, the position of the binlog event
 * @param rowInEvent source.row, the row's index within the binlog event
 * @param eventInTransaction the source offset's {@code event}: how many binlog events of the transaction that starts
 *        at {@code binlogPosition} precede this one (0 when the record carries no source offset)
 * @param snapshot true when the event was read by a (blocking or incremental) snapshot rather than from the binlog
 * @param mariaDb true when Debezium's MariaDB connector read it (source.connector "mariadb"), whose server reports
 *        some column types differently from MySQL's
 */
public record DebeziumSource(String database, String table, long timestampMillis, long serverId,
                             String binlogFile, long binlogPosition, int rowInEvent, long eventInTransaction,
                             boolean snapshot, boolean mariaDb) {

    /**
     * @param sourceOffset the record's source offset (Debezium's binlog offset with {@code event}), empty when the
     *        record is not a source record
     * @throws DataException when the block lacks a binlog field, i.e. the event is not from a binlog connector
     */
    public static DebeziumSource from(Struct source, Map<String, ?> sourceOffset) {
        if (source == null) {
            throw new DataException("The Debezium event has no 'source' block");
        }
        SourceFields fields = SourceFields.of(source.schema());
        Object snapshotFlag = optional(source, fields.snapshot());
        return new DebeziumSource(
                (String) optional(source, fields.db()),
                (String) optional(source, fields.table()),
                number(source, fields.tsMs(), "ts_ms").longValue(),
                number(source, fields.serverId(), "server_id").longValue(),
                (String) required(source, fields.file(), "file"),
                number(source, fields.pos(), "pos").longValue(),
                number(source, fields.row(), "row").intValue(),
                sourceOffset.get("event") instanceof Number event ? event.longValue() : 0L,
                // Debezium writes "true", "first", "last", "incremental", ... while snapshotting and "false" (or nothing) after.
                snapshotFlag != null && !"false".equals(snapshotFlag.toString()),
                "mariadb".equals(optional(source, fields.connector())));
    }

    /** source.server_id as Canal's serverId text, or {@code fallback} where Debezium reports 0 (snapshot reads). */
    public String serverIdOr(long fallback) {
        return Long.toString(serverId == 0 ? fallback : serverId);
    }

    private static Number number(Struct source, Field field, String name) {
        return (Number) required(source, field, name);
    }

    private static Object required(Struct source, Field field, String name) {
        Object value = optional(source, field);
        if (value == null) {
            throw new DataException("The Debezium event's source block has no '" + name + "': the Canal SMT supports"
                    + " only io.debezium.connector.mysql.MySqlConnector and io.debezium.connector.mariadb.MariaDbConnector");
        }
        return value;
    }

    private static Object optional(Struct source, Field field) {
        return field == null ? null : source.get(field);
    }

    /**
     * The source block's fields, looked up by name once per source schema: a connector gives all its events one
     * source schema object, and the lookups by name were a fifth of converting an UPDATE.
     */
    private record SourceFields(Schema schema, Field db, Field table, Field tsMs, Field serverId, Field file, Field pos,
                                Field row, Field snapshot, Field connector) {

        /** The last schema's fields; an immutable holder, so tasks on other threads see a whole one or none. */
        private static volatile SourceFields last;

        static SourceFields of(Schema schema) {
            SourceFields fields = last;
            if (fields == null || fields.schema() != schema) {
                fields = new SourceFields(schema, schema.field("db"), schema.field("table"), schema.field("ts_ms"),
                        schema.field("server_id"), schema.field("file"), schema.field("pos"), schema.field("row"),
                        schema.field("snapshot"), schema.field("connector"));
                last = fields;
            }
            return fields;
        }
    }
}
