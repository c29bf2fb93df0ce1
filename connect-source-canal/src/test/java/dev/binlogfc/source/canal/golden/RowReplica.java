package dev.binlogfc.source.canal.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A copy of one table kept the way a function would: Canal DML records applied in arrival order, by primary key. */
final class RowReplica {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> ROW = new TypeReference<>() { };

    private final Map<List<String>, Map<String, String>> rows = new LinkedHashMap<>();

    /** Applies the Canal records (topic values) in order. */
    static RowReplica applying(List<ConsumerRecord<String, String>> records) {
        RowReplica replica = new RowReplica();
        for (ConsumerRecord<String, String> record : records) {
            try {
                replica.apply(JSON.readTree(record.value()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return replica;
    }

    /** The table as JDBC shows it. */
    static RowReplica of(List<Map<String, String>> jdbcRows, String... pkNames) {
        RowReplica replica = new RowReplica();
        jdbcRows.forEach(row -> replica.rows.put(key(row, List.of(pkNames)), row));
        return replica;
    }

    Map<List<String>, Map<String, String>> rows() {
        return rows;
    }

    private void apply(JsonNode record) {
        List<String> pkNames = JSON.convertValue(record.get("pkNames"), new TypeReference<List<String>>() { });
        Map<String, String> data = JSON.convertValue(record.get("data").get(0), ROW);
        switch (record.get("type").asText()) {
            case "INIT", "INSERT" -> rows.put(key(data, pkNames), data);
            case "UPDATE" -> {
                rows.remove(key(JSON.convertValue(record.get("old").get(0), ROW), pkNames));
                rows.put(key(data, pkNames), data);
            }
            case "DELETE" -> rows.remove(key(data, pkNames));
            default -> throw new IllegalArgumentException("not a DML record: " + record);
        }
    }

    private static List<String> key(Map<String, String> row, List<String> pkNames) {
        List<String> key = new ArrayList<>();
        pkNames.forEach(name -> key.add(row.get(name)));
        return key;
    }
}
