package dev.binlogfc.source.canal.golden;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.formats.json.canal.CanalJsonDeserializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.util.Collector;

/**
 * Flink's {@code canal-json} format (flink-json), as a Flink SQL table over the topic would read it: each Canal JSON
 * record becomes changelog rows, shown as Flink prints them: "+I(...)", "-U(...)", "+U(...)", "-D(...)".
 */
final class FlinkCanalReader {

    private final CanalJsonDeserializationSchema deserializer;

    /** @param fields the table's columns as Flink fields, e.g. {@code DataTypes.FIELD("id", DataTypes.INT())} */
    FlinkCanalReader(DataTypes.Field... fields) throws Exception {
        DataType rowType = DataTypes.ROW(fields);
        // The produced type only matters to a Flink job graph; the generic one is enough to decode.
        deserializer = CanalJsonDeserializationSchema.builder(rowType, List.of(), new GenericTypeInfo<>(RowData.class)).build();
        // The JSON reader needs no metric group or class loader from the context.
        deserializer.open(null);
    }

    /** Decodes one topic value; throws as Flink's job would fail on a record it cannot read. */
    List<String> read(String canalJson) throws Exception {
        List<String> changes = new ArrayList<>();
        deserializer.deserialize(canalJson.getBytes(StandardCharsets.UTF_8), new Collector<>() {
            @Override
            public void collect(RowData row) {
                changes.add(row.toString());
            }

            @Override
            public void close() {
                // Nothing buffered.
            }
        });
        return changes;
    }
}
