package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.binlogfc.common.canal.CanalFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One row as the UTF-8 text of a JSON object, with the place of its top-level {@code ts} value, so that a batch
 * sets {@code ts} by splicing bytes: the row is scanned once and never parsed into a tree or written again. The
 * scan also keeps the few top-level fields the sink itself reads.
 *
 * <p>A row without {@code ts} gets one appended. If {@code ts} occurs more than once at the top level, the last one
 * is replaced: JSON readers that accept duplicate names keep the last.
 */
public final class JsonRow {

    static final String DELIVERY_TIME_FIELD = CanalFields.TS;
    private static final JsonFactory ID_READER = new JsonFactory();
    private static final byte[] APPENDED_TS = (",\"" + DELIVERY_TIME_FIELD + "\":").getBytes(StandardCharsets.UTF_8);

    private final byte[] json;
    private final int tsStart;
    private final int tsEnd;
    private final int closingBrace;
    private final boolean empty;
    private final String type;
    private final long sourceTimeMillis;
    private final String database;
    private final String table;

    private JsonRow(byte[] json, RowLayout layout) {
        this.json = json;
        this.tsStart = layout.tsStart;
        this.tsEnd = layout.tsEnd;
        this.closingBrace = layout.closingBrace;
        this.empty = layout.empty;
        this.type = layout.type;
        this.sourceTimeMillis = layout.sourceTimeMillis;
        this.database = layout.database;
        this.table = layout.table;
    }

    /** Scans rows; one per thread, as the fast scanner keeps the text it is scanning. */
    static final class Scanner {

        private final JsonFactory factory;
        private final Utf8JsonObjectScanner fast;

        Scanner(JsonFactory factory) {
            this.factory = factory;
            this.fast = new Utf8JsonObjectScanner(factory.streamReadConstraints());
        }

        /**
         * Scans {@code json}, which must be UTF-8 holding exactly one JSON object: with the fast scanner, and with
         * Jackson for what the fast scanner leaves open, so that Jackson names the error in text that is not JSON.
         *
         * @throws NotAnObjectException when the text is JSON but not one object
         * @throws NotUtf8Exception when the text is not UTF-8, holds a NUL byte or starts with a byte order mark
         * @throws IOException when the text is not JSON
         */
        JsonRow scan(byte[] json) throws IOException {
            RowLayout layout = new RowLayout();
            int verdict = fast.scan(json, layout);
            if (verdict == Utf8JsonObjectScanner.BAD_UTF8) {
                throw NotUtf8Exception.at(json, fast.badUtf8At());
            }
            if (verdict == Utf8JsonObjectScanner.UNSURE) {
                // Checked before Jackson reads the text: Jackson reads text with NUL bytes as UTF-16 or UTF-32, and
                // fails on some of that with an error that is no JsonProcessingException; it skips a byte order mark.
                int nonUtf8 = fast.firstNonUtf8OrNul(json);
                if (nonUtf8 >= 0) {
                    throw NotUtf8Exception.at(json, nonUtf8);
                }
                if (startsWithByteOrderMark(json)) {
                    // Inside a batch it would be a stray character.
                    throw new NotUtf8Exception(0, "a UTF-8 byte order mark, which JSON text must not start with");
                }
                layout = scanWithJackson(json, factory);
            }
            return new JsonRow(json, layout);
        }

        private static boolean startsWithByteOrderMark(byte[] json) {
            return json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF;
        }
    }

    /**
     * Lays out {@code json} with Jackson, token by token: the reference the fast scanner is tested against, and the
     * scan that names what is wrong with text that is not one JSON object.
     *
     * @throws NotAnObjectException when the text is JSON but not one object
     * @throws IOException when the text is not JSON
     */
    static RowLayout scanWithJackson(byte[] json, JsonFactory factory) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new NotAnObjectException(first == null ? "nothing" : "JSON " + describe(first));
            }
            RowLayout layout = new RowLayout();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                layout.empty = false;
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (DELIVERY_TIME_FIELD.equals(name)) {
                    layout.tsStart = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    parser.finishToken();
                    layout.tsEnd = (int) parser.currentLocation().getByteOffset();
                } else {
                    readField(name, value, parser, layout);
                    parser.skipChildren();
                }
            }
            layout.closingBrace = (int) parser.currentTokenLocation().getByteOffset();
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new NotAnObjectException("a JSON object followed by more JSON (" + describe(trailing) + ")");
            }
            return layout;
        }
    }

    private static void readField(String name, JsonToken value, JsonParser parser, RowLayout layout)
        throws IOException {
        switch (name) {
            case CanalFields.TYPE -> layout.type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            case CanalFields.ES -> layout.sourceTimeMillis = value == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? parser.getLongValue() : -1;
            case CanalFields.DATABASE -> layout.database = value == JsonToken.VALUE_STRING ? parser.getText() : "";
            case CanalFields.TABLE -> layout.table = value == JsonToken.VALUE_STRING ? parser.getText() : "";
            default -> {
                // Other fields pass through as they are.
            }
        }
    }

    /** Size in bytes once {@code ts} is set to a value written with {@code tsDigits} characters. */
    int size(int tsDigits) {
        if (tsStart == RowLayout.NO_TS) {
            return json.length + (empty ? APPENDED_TS.length - 1 : APPENDED_TS.length) + tsDigits;
        }
        return json.length - (tsEnd - tsStart) + tsDigits;
    }

    /** Writes the row with {@code ts} set to {@code tsText} into {@code body} at {@code at}; returns where it ends. */
    int writeTo(byte[] body, int at, byte[] tsText) {
        if (tsStart == RowLayout.NO_TS) {
            at = copy(json, 0, closingBrace, body, at);
            at = copy(APPENDED_TS, empty ? 1 : 0, empty ? APPENDED_TS.length - 1 : APPENDED_TS.length, body, at);
            at = copy(tsText, 0, tsText.length, body, at);
            return copy(json, closingBrace, json.length - closingBrace, body, at);
        }
        at = copy(json, 0, tsStart, body, at);
        at = copy(tsText, 0, tsText.length, body, at);
        return copy(json, tsEnd, json.length - tsEnd, body, at);
    }

    private static int copy(byte[] from, int offset, int length, byte[] to, int at) {
        System.arraycopy(from, offset, to, at, length);
        return at + length;
    }

    /** The top-level {@code type} when it is a string (Canal: INIT, INSERT, ...), else null. */
    public String type() {
        return type;
    }

    /**
     * The top-level {@code es} (epoch ms of the change in the source) when it is an integer that fits a long, else
     * -1.
     */
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

    /**
     * The top-level {@code id} (Canal's id of the change) as text, or "" when the row has none. Read from the text
     * on each call: only failures need it, so the scan of every row does not look for it.
     */
    public String canalId() {
        try (JsonParser parser = ID_READER.createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean id = CanalFields.ID.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (id) {
                    return value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : "";
                }
                parser.skipChildren();
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("A row that was scanned as JSON cannot be read again", e);
        }
    }

    /** A parser over the row's text, for readers of fields the scan does not keep. */
    public JsonParser parser(JsonFactory factory) throws IOException {
        return factory.createParser(json);
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

    /** The text is not UTF-8 JSON text: a byte is not UTF-8 or is NUL, or the text starts with a byte order mark. */
    static final class NotUtf8Exception extends JsonParseException {

        NotUtf8Exception(int offset, String found) {
            super((JsonParser) null, "the byte at offset " + offset + " is not UTF-8 JSON text: " + found);
        }

        /** Says what the byte at {@code offset}, which is NUL or not UTF-8, most likely is. */
        static NotUtf8Exception at(byte[] json, int offset) {
            int b = json[offset] & 0xFF;
            if (b == 0) {
                return new NotUtf8Exception(offset, "a NUL byte, as in UTF-16 or UTF-32 text (or a NUL character"
                    + " not written as \\u0000)");
            }
            return new NotUtf8Exception(offset, String.format("0x%02X does not start a valid UTF-8 sequence, as in"
                + " Latin-1 or another 8-bit encoding (or an overlong form, an encoded surrogate, a cut character)",
                b));
        }
    }

    /** The text is JSON, but not exactly one object. */
    static final class NotAnObjectException extends IOException {

        NotAnObjectException(String found) {
            super(found);
        }
    }
}
