package dev.binlogfc.source.canal.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One DTS-style Canal JSON record. {@link #toMap()} gives the schemaless form agreed with the FC sink.
 *
 * @param data one row image for DML (the after image, or the before image for DELETE); null for DDL
 * @param old the before image for UPDATE; null otherwise
 */
public record CanalMessage(long id, String database, String table, List<String> pkNames, boolean isDdl, String type,
                           long es, long ts, String sql, Map<String, Integer> sqlType, Map<String, String> mysqlType,
                           RowImage data, RowImage old, String serverId) {

    /**
     * The record as a map with the keys in the agreed order; {@code data} and {@code old} become one-element lists.
     * All collections are mutable, so a later SMT in the chain may edit the record in place: the type maps are
     * copied and the row images become maps.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("database", database);
        map.put("table", table);
        map.put("pkNames", new ArrayList<>(pkNames));
        map.put("isDdl", isDdl);
        map.put("type", type);
        map.put("es", es);
        map.put("ts", ts);
        map.put("sql", sql);
        map.put("sqlType", new LinkedHashMap<>(sqlType));
        map.put("mysqlType", new LinkedHashMap<>(mysqlType));
        map.put("data", oneRow(data));
        map.put("old", oneRow(old));
        map.put("serverId", serverId);
        return map;
    }

    private static List<Map<String, String>> oneRow(RowImage row) {
        if (row == null) {
            return null;
        }
        List<Map<String, String>> rows = new ArrayList<>(1);
        rows.add(row.toMap());
        return rows;
    }
}
