package dev.binlogfc.source.canal.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.binlogfc.common.canal.CanalFields;

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
        map.put(CanalFields.ID, id);
        map.put(CanalFields.DATABASE, database);
        map.put(CanalFields.TABLE, table);
        map.put(CanalFields.PK_NAMES, new ArrayList<>(pkNames));
        map.put(CanalFields.IS_DDL, isDdl);
        map.put(CanalFields.TYPE, type);
        map.put(CanalFields.ES, es);
        map.put(CanalFields.TS, ts);
        map.put(CanalFields.SQL, sql);
        map.put(CanalFields.SQL_TYPE, new LinkedHashMap<>(sqlType));
        map.put(CanalFields.MYSQL_TYPE, new LinkedHashMap<>(mysqlType));
        map.put(CanalFields.DATA, oneRow(data));
        map.put(CanalFields.OLD, oneRow(old));
        map.put(CanalFields.SERVER_ID, serverId);
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
