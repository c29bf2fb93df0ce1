package dev.binlogfc.source.canal.testing;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.data.Envelope;
import io.debezium.relational.Table;
import io.debezium.relational.TableSchema;

/** A table as a Debezium connector captures it; makes its change events from raw column values in table order. */
public final class CapturedTable {

    private final DebeziumConnectorFixture connector;
    private final Table table;
    private final TableSchema schema;
    private final String topic;

    CapturedTable(DebeziumConnectorFixture connector, Table table, TableSchema schema, String topic) {
        this.connector = connector;
        this.table = table;
        this.schema = schema;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** The row as Debezium converts raw values (as the binlog client or JDBC give them) into the row struct. */
    public Struct row(Object... rawValues) {
        return schema.valueFromColumnData(rawValues);
    }

    public SourceRecord read(Object... rawValues) {
        BinlogPosition snapshotPosition = BinlogPosition.at("mysql-bin.000003", 1_081L, 0);
        return record(snapshotPosition, rawValues, envelope().read(row(rawValues), source(snapshotPosition, "true"), Instant.now()));
    }

    public SourceRecord insert(BinlogPosition position, Object... rawValues) {
        return record(position, rawValues, envelope().create(row(rawValues), source(position, "false"), Instant.now()));
    }

    public SourceRecord update(BinlogPosition position, Object[] rawBefore, Object[] rawAfter) {
        return record(position, rawAfter, envelope().update(row(rawBefore), row(rawAfter), source(position, "false"), Instant.now()));
    }

    public SourceRecord delete(BinlogPosition position, Object... rawValues) {
        return record(position, rawValues, envelope().delete(row(rawValues), source(position, "false"), Instant.now()));
    }

    public SourceRecord truncate(BinlogPosition position) {
        return new SourceRecord(partition(), position.offset(), topic, null, null, null, envelope().schema(),
                envelope().truncate(source(position, "false"), Instant.now()));
    }

    /** The tombstone Debezium emits after a DELETE (tombstones.on.delete=true). */
    public SourceRecord tombstone(Object... rawValues) {
        return new SourceRecord(partition(), Map.of(), topic, null, schema.keySchema(), schema.keyFromColumnData(rawValues),
                null, null);
    }

    public Struct source(BinlogPosition position, String snapshot) {
        return connector.source(table.id().catalog(), table.id().table(), position, snapshot);
    }

    private Envelope envelope() {
        return schema.getEnvelopeSchema();
    }

    private SourceRecord record(BinlogPosition position, Object[] keyValues, Struct value) {
        return new SourceRecord(partition(), position.offset(), topic, null, schema.keySchema(), schema.keyFromColumnData(keyValues),
                envelope().schema(), value);
    }

    private static Map<String, ?> partition() {
        return Map.of("server", DebeziumConnectorFixture.SERVER_NAME);
    }

}
