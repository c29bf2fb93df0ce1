package dev.binlogfc.teststack.fc;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One invocation the local endpoint accepted: when, under which request id, its headers (lower-case names, all
 * but Authorization) and its body. A function that reads its bodies checks each one to be JSON and counts its records
 * on receipt; one that does not ({@link FcLocalEndpoint.Builder#unreadBodies()}) leaves both until a test asks. The
 * body is parsed into a tree only when asked for.
 */
public final class ReceivedBatch {

    private static final String RECORDS_FIELD = "Records";

    private final Instant receivedAt;
    private final String requestId;
    private final Map<String, String> headers;
    private final byte[] rawBody;
    /** {@link #NOT_COUNTED} until the records are counted. */
    private volatile int recordCount;
    private volatile JsonNode body;

    private static final int NOT_COUNTED = -1;

    private ReceivedBatch(Instant receivedAt, String requestId, Map<String, String> headers, byte[] rawBody,
                          int recordCount) {
        this.receivedAt = receivedAt;
        this.requestId = requestId;
        this.headers = Map.copyOf(headers);
        this.rawBody = rawBody;
        this.recordCount = recordCount;
    }

    /** @throws JsonProcessingException when the body is not JSON */
    static ReceivedBatch of(Instant receivedAt, String requestId, Map<String, String> headers, byte[] rawBody)
        throws JsonProcessingException {
        return new ReceivedBatch(receivedAt, requestId, headers, rawBody, countRecords(rawBody));
    }

    /** The part of a batch a function took: {@code records} under a body of their own. */
    static ReceivedBatch ofRecords(Instant receivedAt, String requestId, Map<String, String> headers,
                                   List<JsonNode> records) {
        ObjectNode body = FcError.JSON.createObjectNode();
        records.forEach(body.putArray(RECORDS_FIELD)::add);
        return new ReceivedBatch(receivedAt, requestId, headers, body.toString().getBytes(StandardCharsets.UTF_8),
            records.size());
    }

    /** A body taken as it is, not read: checked and counted when {@link #recordCount()} is first asked. */
    static ReceivedBatch unread(Instant receivedAt, String requestId, Map<String, String> headers, byte[] rawBody) {
        return new ReceivedBatch(receivedAt, requestId, headers, rawBody, NOT_COUNTED);
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String requestId() {
        return requestId;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body's bytes as they arrived; callers must not change them. */
    public byte[] rawBody() {
        return rawBody;
    }

    /** The parsed body. */
    public JsonNode body() {
        JsonNode parsed = body;
        if (parsed == null) {
            try {
                parsed = FcError.JSON.readTree(rawBody);
            } catch (IOException e) {
                throw new UncheckedIOException("The body was JSON when it arrived", e);
            }
            body = parsed;
        }
        return parsed;
    }

    /** The elements of the body's {@code Records} array, empty when the body has none. */
    public List<JsonNode> records() {
        List<JsonNode> records = new ArrayList<>();
        body().path(RECORDS_FIELD).forEach(records::add);
        return records;
    }

    /**
     * The number of elements of the body's {@code Records} array, 0 when the body has none.
     *
     * @throws UncheckedIOException when the body of an unread batch is not JSON
     */
    public int recordCount() {
        int count = recordCount;
        if (count == NOT_COUNTED) {
            try {
                count = countRecords(rawBody);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("The body of request " + requestId + " is not JSON", e);
            }
            recordCount = count;
        }
        return count;
    }

    /** The invocation type the caller asked for: {@code Sync} (also when the header is absent) or {@code Async}. */
    public String invocationType() {
        return headers.getOrDefault("x-fc-invocation-type", "Sync");
    }

    /** Reads the whole body token by token, so that malformed JSON fails, counting the top-level Records elements. */
    private static int countRecords(byte[] body) throws JsonProcessingException {
        try (JsonParser parser = FcError.JSON.getFactory().createParser(body)) {
            int count = 0;
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean records = RECORDS_FIELD.equals(parser.currentName());
                    if (parser.nextToken() == JsonToken.START_ARRAY && records) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            parser.skipChildren();
                            count++;
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one JSON value in the body");
            }
            return count;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a request body from memory failed", e);
        }
    }
}
