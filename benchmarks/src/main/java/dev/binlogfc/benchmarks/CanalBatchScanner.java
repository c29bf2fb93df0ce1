package dev.binlogfc.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the few fields the benchmark needs from each Canal record of a {@code {"Records":[...]}} body, token by
 * token: the function in this JVM then costs about what reading its input costs, not a JSON tree per batch.
 */
final class CanalBatchScanner {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** What one record holds: the row's {@code id} and {@code version} columns, its type and {@code es}. */
    interface RecordVisitor {
        void record(long id, long version, String type, long es);
    }

    private CanalBatchScanner() {
    }

    static void scan(byte[] body, RecordVisitor visitor) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if ("Records".equals(parser.currentName()) && parser.nextToken() == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        record(parser, visitor);
                    }
                } else {
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The function endpoint accepted a body that is not Canal JSON", e);
        }
    }

    private static void record(JsonParser parser, RecordVisitor visitor) throws IOException {
        String type = null;
        // Absent fields read as 0, as JsonNode.asLong() reads them.
        long es = 0;
        long[] idAndVersion = {0, 0};
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> type = parser.getText();
                case "es" -> es = parser.getLongValue();
                case "data" -> firstRow(parser, value, idAndVersion);
                default -> parser.skipChildren();
            }
        }
        visitor.record(idAndVersion[0], idAndVersion[1], type, es);
    }

    /** Reads id and version of the first row image of {@code data}; the parser ends on the array's end. */
    private static void firstRow(JsonParser parser, JsonToken value, long[] idAndVersion) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        if (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String column = parser.currentName();
                parser.nextToken();
                if ("id".equals(column)) {
                    idAndVersion[0] = Long.parseLong(parser.getText());
                } else if ("version".equals(column)) {
                    idAndVersion[1] = Long.parseLong(parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        while (parser.currentToken() != JsonToken.END_ARRAY) {
            parser.nextToken();
            parser.skipChildren();
        }
    }

    private static void expect(JsonToken found, JsonToken expected) throws IOException {
        if (found != expected) {
            throw new IOException("expected " + expected + " but found " + found);
        }
    }
}
