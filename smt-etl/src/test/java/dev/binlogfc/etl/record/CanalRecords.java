package dev.binlogfc.etl.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

/** Canal records shaped as the Canal SMT emits them, wrapped as source (map) or sink (JSON string) records. */
public final class CanalRecords {
    public static final String TOPIC = "binlogfc.shop.order_1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanalRecords() {
    }

    /** An UPDATE of shop.order_1 (id, status, phone); the status changes from {@code oldStatus} to {@code newStatus}. */
    public static Map<String, Object> update(String oldStatus, String newStatus) {
        return record("UPDATE", row("7", newStatus, "13800001234"), row("7", oldStatus, "13800001234"));
    }

    public static Map<String, Object> insert(String status) {
        return record("INSERT", row("7", status, "13800001234"), null);
    }

    public static Map<String, Object> ddl() {
        Map<String, Object> ddl = base("DDL", true, "ALTER TABLE order_1 ADD note TEXT");
        ddl.put("pkNames", new ArrayList<>());
        ddl.put("sqlType", new LinkedHashMap<>());
        ddl.put("mysqlType", new LinkedHashMap<>());
        ddl.put("data", null);
        ddl.put("old", null);
        ddl.put("serverId", "1");
        return ddl;
    }

    public static Map<String, Object> record(String type, Map<String, Object> data, Map<String, Object> old) {
        Map<String, Object> record = base(type, false, "");
        record.put("pkNames", new ArrayList<>(List.of("id")));
        Map<String, Object> sqlType = new LinkedHashMap<>();
        sqlType.put("id", 3);
        sqlType.put("status", 253);
        sqlType.put("phone", 254);
        record.put("sqlType", sqlType);
        Map<String, Object> mysqlType = new LinkedHashMap<>();
        mysqlType.put("id", "int");
        mysqlType.put("status", "varchar");
        mysqlType.put("phone", "char");
        record.put("mysqlType", mysqlType);
        record.put("data", oneRow(data));
        record.put("old", old == null ? null : oneRow(old));
        record.put("serverId", "1");
        return record;
    }

    public static Map<String, Object> row(String id, String status, String phone) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("status", status);
        row.put("phone", phone);
        return row;
    }

    public static SourceRecord sourceRecord(Map<String, Object> value) {
        return new SourceRecord(Map.of(), Map.of(), TOPIC, null, null, Map.of("id", 7), null, value, 1L);
    }

    public static SinkRecord sinkRecord(Map<String, Object> value) {
        return new SinkRecord(TOPIC, 0, Schema.OPTIONAL_STRING_SCHEMA, "{\"id\":7}", Schema.OPTIONAL_STRING_SCHEMA,
                json(value), 42L);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Parses a sink record's JSON value, keeping its key order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(Object jsonValue) {
        try {
            return JSON.readValue((String) jsonValue, LinkedHashMap.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Object> base(String type, boolean isDdl, String sql) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", 62373L);
        record.put("database", "shop");
        record.put("table", "order_1");
        record.put("pkNames", List.of());
        record.put("isDdl", isDdl);
        record.put("type", type);
        record.put("es", 1690000000000L);
        record.put("ts", 1690000000001L);
        record.put("sql", sql);
        return record;
    }

    private static List<Map<String, Object>> oneRow(Map<String, Object> row) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row);
        return rows;
    }
}
