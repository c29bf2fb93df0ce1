package dev.binlogfc.source.canal.format;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The parts of the {@code source} block of a Debezium MySQL/MariaDB event that a Canal record needs.
 *
 * @param database source.db (may be null for DDL that is not bound to a database)
 * @param table source.table (may be null)
 * @param timestampMillis source.ts_ms, when the change happened in the database
 * @param serverId source.server_id
 * @param binlogFile source.file, e.g. "mysql-bin.000003"
 * @param binlogPosition source.pos, the position of the binlog event
 * @param rowInEvent source.row, the row's index within the binlog event
 * @param snapshot true when the event was read by a (blocking or incremental) snapshot rather than from the binlog
 */
public record DebeziumSource(String database, String table, long timestampMillis, long serverId,
                             String binlogFile, long binlogPosition, int rowInEvent, boolean snapshot) {

    /** @throws DataException when the block lacks a binlog field, i.e. the event is not from a binlog connector */
    public static DebeziumSource from(Struct source) {
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
                // Debezium writes "true", "first", "last", "incremental", ... while snapshotting and "false" (or nothing) after.
                snapshotFlag != null && !"false".equals(snapshotFlag.toString()));
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
