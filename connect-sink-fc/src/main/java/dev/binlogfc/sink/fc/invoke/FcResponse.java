package dev.binlogfc.sink.fc.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.Optional;

/**
 * What FC answered to an invocation. {@code errorType} is the {@code X-Fc-Error-Type} header FC sets when the
 * function itself failed; {@code body} is the start of the answer's body.
 */
public record FcResponse(int status, String requestId, String errorType, String retryAfter, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2xx without a function error: the function received the batch. */
    public boolean isSuccess() {
        return status >= 200 && status < 300 && errorType == null;
    }

    public boolean isFunctionError() {
        return errorType != null;
    }

    /**
     * FC 2.0's {@code ErrorCode} (OpenAPI-style {@code Code}), or for a function error the function's
     * {@code errorType}; empty if the body has none.
     */
    public String errorCode() {
        return isFunctionError() ? field("errorType") : field("ErrorCode", "Code");
    }

    /** FC 2.0's {@code ErrorMessage} (OpenAPI-style {@code Message}), or the function's {@code errorMessage}. */
    public String errorMessage() {
        return isFunctionError() ? field("errorMessage") : field("ErrorMessage", "Message");
    }

    /** The delay FC asked for with Retry-After in seconds, if it did. */
    public Optional<Duration> retryAfterDelay() {
        if (retryAfter == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The answer in one line: status, error code or type, message and request id. */
    public String describe() {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (isFunctionError()) {
            text.append(", function error ").append(errorType);
        }
        String code = errorCode();
        if (!code.isEmpty()) {
            text.append(", ").append(code);
        }
        String message = errorMessage();
        if (!message.isEmpty()) {
            text.append(": ").append(message);
        }
        return text.append(" (request id ").append(requestId == null ? "none" : requestId).append(')').toString();
    }

    /** The first {@code maxChars} characters of the body, for logs. */
    public String bodyExcerpt(int maxChars) {
        return body.length() <= maxChars ? body : body.substring(0, maxChars) + "...";
    }

    /** The first of {@code names} the body has as text, or empty. */
    private String field(String... names) {
        JsonNode body = parsedBody();
        for (String name : names) {
            String value = body.path(name).asText("");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private JsonNode parsedBody() {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
