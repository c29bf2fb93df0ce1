package dev.binlogfc.teststack.fc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One invocation the local endpoint accepted: when, under which request id, its headers (lower-case names, all
 * but Authorization) and the parsed body.
 */
public record ReceivedBatch(Instant receivedAt, String requestId, Map<String, String> headers, JsonNode body) {

    /** The elements of the body's {@code Records} array, empty when the body has none. */
    public List<JsonNode> records() {
        List<JsonNode> records = new ArrayList<>();
        body.path("Records").forEach(records::add);
        return records;
    }

    /** The invocation type the caller asked for: {@code Sync} (also when the header is absent) or {@code Async}. */
    public String invocationType() {
        return headers.getOrDefault("x-fc-invocation-type", "Sync");
    }
}
