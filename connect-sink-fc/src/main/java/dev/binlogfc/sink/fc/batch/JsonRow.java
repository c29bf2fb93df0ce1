package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One row as the UTF-8 text of a JSON object, with the place of its top-level {@code ts} value, so that a batch
 * sets {@code ts} by splicing bytes: the row is scanned once, token by token, and never parsed into a tree or
 * written again. The scan also keeps the few top-level fields the sink itself reads.
 *
 * <p>A row without {@code ts} gets one appended. If {@code ts} occurs more than once at the top level, the last one
 * is replaced: JSON readers that accept duplicate names keep the last.
 */
public final class JsonRow {

    static final String DELIVERY_TIME_FIELD = "ts";
    private static final byte[] APPENDED_TS = (",\"" + DELIVERY_TIME_FIELD + "\":").getBytes(StandardCharsets.UTF_8);
    private static final int NO_TS = -1;

    private final byte[] json;
    private final int tsStart;
    private final int tsEnd;
    /** Index of the object's closing brace, where an appended {@code ts} goes. */
    private final int closingBrace;
    private final boolean empty;
    private final String type;
    private final long sourceTimeMillis;
    private final String database;
    private final String table;

    private JsonRow(byte[] json, int tsStart, int tsEnd, int closingBrace, boolean empty, TopLevelFields fields) {
        this.json = json;
        this.tsStart = tsStart;
        this.tsEnd = tsEnd;
        this.closingBrace = closingBrace;
        this.empty = empty;
        this.type = fields.type;
        this.sourceTimeMillis = fields.sourceTimeMillis;
        this.database = fields.database;
        this.table = fields.table;
    }

    /**
     * Scans {@code json}, which must hold exactly one JSON object.
     *
     * @throws NotAnObjectException when the text is JSON but not one object
     * @throws IOException when the text is not JSON
     */
    static JsonRow scan(byte[] json, JsonFactory factory) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new NotAnObjectException(first == null ? "nothing" : "JSON " + describe(first));
            }
            int tsStart = NO_TS;
            int tsEnd = NO_TS;
            boolean empty = true;
            TopLevelFields fields = new TopLevelFields();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                empty = false;
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (DELIVERY_TIME_FIELD.equals(name)) {
                    tsStart = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    parser.finishToken();
                    tsEnd = (int) parser.currentLocation().getByteOffset();
                } else {
                    fields.read(name, value, parser);
                    parser.skipChildren();
                }
            }
            int closingBrace = (int) parser.currentTokenLocation().getByteOffset();
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new NotAnObjectException("a JSON object followed by more JSON (" + describe(trailing) + ")");
            }
            return new JsonRow(json, tsStart, tsEnd, closingBrace, empty, fields);
        }
    }

    /** Size in bytes once {@code ts} is set to a value written with {@code tsDigits} characters. */
    int size(int tsDigits) {
        if (tsStart == NO_TS) {
            return json.length + (empty ? APPENDED_TS.length - 1 : APPENDED_TS.length) + tsDigits;
        }
        return json.length - (tsEnd - tsStart) + tsDigits;
    }

    /** Writes the row with {@code ts} set to {@code tsText}. */
    void writeTo(ByteArrayOutputStream out, byte[] tsText) {
        if (tsStart == NO_TS) {
            out.write(json, 0, closingBrace);
            out.write(APPENDED_TS, empty ? 1 : 0, empty ? APPENDED_TS.length - 1 : APPENDED_TS.length);
            out.writeBytes(tsText);
            out.write(json, closingBrace, json.length - closingBrace);
        } else {
            out.write(json, 0, tsStart);
            out.writeBytes(tsText);
            out.write(json, tsEnd, json.length - tsEnd);
        }
    }

    /** The top-level {@code type} when it is a string (Canal: INIT, INSERT, ...), else null. */
    public String type() {
        return type;
    }

    /** The top-level {@code es} (epoch ms of the change in the source) when it is an integer, else -1. */
    public long sourceTimeMillis() {
        return sourceTimeMillis;
    }

    /** The top-level {@code database} when it is a string, else "". */
    public String database() {
        return database;
    }

    /** The top-level {@code table} when it is a string, else "". */
    public String table() {
        return table;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** The text is JSON, but not exactly one object. */
    static final class NotAnObjectException extends IOException {

        NotAnObjectException(String found) {
            super(found);
        }
    }

    /** The top-level fields the sink reads, taken as the scan passes them. */
    private static final class TopLevelFields {

        private String type;
        private long sourceTimeMillis = -1;
        private String database = "";
        private String table = "";

        void read(String name, JsonToken value, JsonParser parser) throws IOException {
            switch (name) {
                case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "es" -> sourceTimeMillis = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                case "database" -> database = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                case "table" -> table = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                default -> {
                    // Other fields pass through as they are.
                }
            }
        }
    }
}
