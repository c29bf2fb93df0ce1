package dev.binlogfc.sink.fc.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the answer of a function that reports the records it could not process (report.batch.item.failures), in
 * the shape of AWS Lambda's partial batch responses, keyed by the rows' Canal {@code id}:
 * {@code {"batchItemFailures":[{"itemIdentifier":"<id>"}]}}. An empty body, {@code null}, {@code {}} or an empty or
 * null list means every record was processed. Anything else is malformed, never taken for success.
 */
final class BatchItemFailures {

    static final String SHAPE = "{\"batchItemFailures\":[{\"itemIdentifier\":\"<id>\"}]}";
    private static final String LIST = "batchItemFailures";
    private static final String ID = "itemIdentifier";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the answer says: the ids that failed (empty: all processed), or why it cannot be read. */
    record Answer(Set<String> failedIds, Optional<String> malformed) {

        static Answer failed(Set<String> ids) {
            return new Answer(Set.copyOf(ids), Optional.empty());
        }

        static Answer malformed(String why) {
            return new Answer(Set.of(), Optional.of(why));
        }
    }

    private BatchItemFailures() {
    }

    static Answer read(String body) {
        if (body.isBlank()) {
            return Answer.failed(Set.of());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Answer.malformed("the answer is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (answer.isNull() || answer.isObject() && answer.isEmpty()) {
            return Answer.failed(Set.of());
        }
        if (!answer.isObject() || !answer.has(LIST)) {
            return Answer.malformed("the answer has no " + LIST + " list");
        }
        JsonNode list = answer.get(LIST);
        if (list.isNull()) {
            return Answer.failed(Set.of());
        }
        if (!list.isArray()) {
            return Answer.malformed(LIST + " is not a list");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode item : list) {
            JsonNode id = item.path(ID);
            if (!(id.isTextual() || id.isIntegralNumber()) || id.asText().isEmpty()) {
                return Answer.malformed("an item of " + LIST + " has no " + ID + ": " + item);
            }
            ids.add(id.asText());
        }
        return Answer.failed(ids);
    }
}
