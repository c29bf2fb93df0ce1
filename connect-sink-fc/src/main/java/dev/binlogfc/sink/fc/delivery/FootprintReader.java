package dev.binlogfc.sink.fc.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.binlogfc.common.canal.CanalFields;
import dev.binlogfc.sink.fc.batch.JsonRow;
import dev.binlogfc.sink.fc.batch.PendingRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a Canal row changes from its text: {@code isDdl}, {@code pkNames}, and the key columns of each row
 * in {@code data} and {@code old}. The key comes from the row, not from the Kafka key, so that the old key of a
 * primary key change (in {@code old}) and the new one (in {@code data}) read the same as in the rows of either
 * key, whatever the converters. A row whose table has no primary key falls back to the record's Kafka key, and
 * without one it holds its whole table.
 */
final class FootprintReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String NULL_VALUE = "\u0000null";

    RecordFootprint read(PendingRecord record) {
        JsonRow row = record.row();
        String table = row.database() + "." + row.table();
        CanalKeys canal;
        try (JsonParser parser = row.parser(JSON)) {
            canal = CanalKeys.read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("A row that was scanned as JSON cannot be read again", e);
        }
        if (canal.ddl) {
            return row.table().isEmpty() ? RecordFootprint.partition() : RecordFootprint.table(table);
        }
        Set<String> keys = canal.keys(table);
        if (!keys.isEmpty()) {
            return RecordFootprint.keys(table, keys);
        }
        Object kafkaKey = record.record().key();
        if (kafkaKey != null) {
            return RecordFootprint.keys(table, Set.of(table + "/record key " + keyText(kafkaKey)));
        }
        return RecordFootprint.table(table);
    }

    private static String keyText(Object key) {
        return key instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(key);
    }

    /** The fields of a Canal row that name what it changes. */
    private static final class CanalKeys {

        private boolean ddl;
        private List<String> pkNames = List.of();
        private List<Map<String, String>> data = List.of();
        private List<Map<String, String>> old = List.of();

        static CanalKeys read(JsonParser parser) throws IOException {
            CanalKeys canal = new CanalKeys();
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case CanalFields.IS_DDL -> canal.ddl = value == JsonToken.VALUE_TRUE;
                    case CanalFields.PK_NAMES ->
                        canal.pkNames = value == JsonToken.START_ARRAY ? strings(parser) : List.of();
                    case CanalFields.DATA -> canal.data = rowImages(parser, value, canal.pkNames);
                    case CanalFields.OLD -> canal.old = rowImages(parser, value, canal.pkNames);
                    default -> parser.skipChildren();
                }
            }
            return canal;
        }

        /**
         * The key of each row in {@code data}, and of each row in {@code old} whose key columns differ; empty when
         * the table has no primary key or a row lacks a key column.
         */
        Set<String> keys(String table) {
            Set<String> keys = new LinkedHashSet<>();
            if (pkNames.isEmpty() || data.isEmpty()) {
                return keys;
            }
            for (int i = 0; i < data.size(); i++) {
                Map<String, String> after = data.get(i);
                if (!after.keySet().containsAll(pkNames)) {
                    return Set.of();
                }
                keys.add(key(table, after, Map.of()));
                if (i < old.size()) {
                    keys.add(key(table, after, old.get(i)));
                }
            }
            return keys;
        }

        /** The key of a row image: each key column from {@code before} where it has it, else from {@code after}. */
        private String key(String table, Map<String, String> after, Map<String, String> before) {
            StringBuilder key = new StringBuilder(table).append('/');
            for (String column : pkNames) {
                String value = before.getOrDefault(column, after.get(column));
                key.append(value.length()).append(':').append(value);
            }
            return key.toString();
        }

        private static List<String> strings(JsonParser parser) throws IOException {
            List<String> strings = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                strings.add(parser.getText());
                parser.skipChildren();
            }
            return strings;
        }

        /**
         * The rows of {@code data} or {@code old}, each as its scalar columns' text; only the key columns when
         * {@code pkNames} came first, as it does in Canal's and DTS's rows.
         */
        private static List<Map<String, String>> rowImages(JsonParser parser, JsonToken value, List<String> pkNames)
            throws IOException {
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return List.of();
            }
            List<Map<String, String>> images = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Map<String, String> image = new HashMap<>();
                if (parser.currentToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String column = parser.currentName();
                        JsonToken columnValue = parser.nextToken();
                        boolean wanted = pkNames.isEmpty() || pkNames.contains(column);
                        if (wanted && columnValue.isScalarValue()) {
                            image.put(column, columnValue == JsonToken.VALUE_NULL ? NULL_VALUE : parser.getText());
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
                images.add(image);
            }
            return images;
        }
    }
}
