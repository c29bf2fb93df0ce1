package dev.binlogfc.source.canal.format;

import java.util.Map;

import org.apache.kafka.connect.data.Field;
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
 */
public record DebeziumSource(String database, String table, long timestampMillis, long serverId,
                             String binlogFile, long binlogPosition, int rowInEvent, long eventInTransaction,
                             boolean snapshot) {

    /**
     * @param sourceOffset the record's source offset (Debezium's binlog offset with {@code event}), empty when the
     *        record is not a source record
     * @throws DataException when the block lacks a binlog field, i.e. the event is not from a binlog connector
     */
    public static DebeziumSource from(Struct source, Map<String, ?> sourceOffset) {
        if (source == null) {
            throw new DataException("The Debezium event has no 'source' block");
        }
        Object snapshotFlag = optional(source, "snapshot");
        return new DebeziumSource(
                (String) optional(source, "db"),
                (String) optional(source, "table"),
                number(source, "ts_ms").longValue(),
                number(source, "server_id").longValue(),
                (String) required(source, "file"),
                number(source, "pos").longValue(),
                number(source, "row").intValue(),
                sourceOffset.get("event") instanceof Number event ? event.longValue() : 0L,
                // Debezium writes "true", "first", "last", "incremental", ... while snapshotting and "false" (or nothing) after.
                snapshotFlag != null && !"false".equals(snapshotFlag.toString()));
    }

    /** source.server_id as Canal's serverId text, or {@code fallback} where Debezium reports 0 (snapshot reads). */
    public String serverIdOr(long fallback) {
        return Long.toString(serverId == 0 ? fallback : serverId);
    }

    private static Number number(Struct source, String name) {
        return (Number) required(source, name);
    }

    private static Object required(Struct source, String name) {
        Object value = optional(source, name);
        if (value == null) {
            throw new DataException("The Debezium event's source block has no '" + name + "': the Canal SMT supports"
                    + " only io.debezium.connector.mysql.MySqlConnector and io.debezium.connector.mariadb.MariaDbConnector");
        }
        return value;
    }

    private static Object optional(Struct source, String name) {
        Field field = source.schema().field(name);
        return field == null ? null : source.get(field);
    }
}
