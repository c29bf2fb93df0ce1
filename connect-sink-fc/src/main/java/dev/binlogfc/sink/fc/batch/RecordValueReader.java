package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads a record value as a {@link JsonRow}: a {@link Map} (JsonConverter with schemas.enable=false), a String
 * holding a JSON object (StringConverter) or the UTF-8 bytes of one (ByteArrayConverter). Anything else is a
 * {@link DataException} saying what to configure.
 */
public final class RecordValueReader {

    private static final int MAX_KEY_CHARS = 200;
    private static final String CONVERTER_HINT = "the FC sink needs each value to be a JSON object: set"
        + " value.converter=org.apache.kafka.connect.converters.ByteArrayConverter (or StringConverter) for topics"
        + " holding JSON text, or value.converter=org.apache.kafka.connect.json.JsonConverter with"
        + " value.converter.schemas.enable=false";
    private static final String PRODUCER_HINT = "the FC sink needs each value to be one whole JSON object in UTF-8"
        + " without a byte order mark (RFC 8259): fix what produces the topic's values";

    private final ObjectMapper json;
    private final JsonRow.Scanner scanner;

    public RecordValueReader(ObjectMapper json) {
        this.json = json;
        this.scanner = new JsonRow.Scanner(json.getFactory());
    }

    /** The value as JSON text; the record is left untouched. Not for concurrent use. */
    public JsonRow read(SinkRecord record) {
        Object value = record.value();
        if (value instanceof String text) {
            return scan(record, "String", text.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof byte[] bytes) {
            return scan(record, "byte[]", bytes);
        }
        if (value instanceof Map<?, ?> map) {
            return scan(record, "Map", mapAsJson(record, map));
        }
        throw new DataException(position(record) + " has a value of type " + value.getClass().getName() + "; "
            + CONVERTER_HINT);
    }

    private byte[] mapAsJson(SinkRecord record, Map<?, ?> map) {
        try {
            return json.writeValueAsBytes(map);
        } catch (JsonProcessingException e) {
            throw new DataException(position(record) + " has a Map value that cannot be written as JSON: "
                + e.getOriginalMessage(), e);
        }
    }

    private JsonRow scan(SinkRecord record, String kind, byte[] text) {
        String value = position(record) + " has a " + kind + " value";
        try {
            return scanner.scan(text);
        } catch (JsonRow.NotAnObjectException e) {
            throw new DataException(value + " holding " + e.getMessage() + ", not exactly one JSON object; "
                + CONVERTER_HINT, e);
        } catch (JsonRow.NotUtf8Exception e) {
            throw new DataException(value + " that is not JSON (" + e.getOriginalMessage() + "); " + PRODUCER_HINT, e);
        } catch (JsonEOFException e) {
            throw new DataException(value + " that ends inside its JSON, after " + text.length + " bytes: it was cut"
                + " short; " + PRODUCER_HINT, e);
        } catch (StreamConstraintsException e) {
            throw new DataException(value + " beyond a limit the sink reads JSON under (" + e.getOriginalMessage()
                + "); " + PRODUCER_HINT, e);
        } catch (JsonProcessingException e) {
            throw new DataException(value + " that is not JSON (" + e.getOriginalMessage() + where(e) + "); "
                + CONVERTER_HINT, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading JSON from memory failed", e);
        }
    }

    /** ", at byte n" where Jackson found the error, or "" when it did not say. */
    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getByteOffset() < 0 ? "" : ", at byte " + location.getByteOffset();
    }

    /**
     * The record's key as errors show it: text as it is, bytes (ByteArrayConverter) read as UTF-8, cut after
     * {@value #MAX_KEY_CHARS} characters.
     */
    public static String keyText(SinkRecord record) {
        String key = record.key() instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(record.key());
        return key.length() <= MAX_KEY_CHARS ? key : key.substring(0, MAX_KEY_CHARS) + "...";
    }

    /** "Record topic/partition/offset", the way errors name a record. */
    public static String position(SinkRecord record) {
        return "Record " + record.topic() + "/" + record.kafkaPartition() + "/" + record.kafkaOffset();
    }
}
