package dev.binlogfc.teststack.fc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Answers FC 2.0 InvokeFunction requests for one function, as FC would. */
final class InvocationHandler implements HttpHandler {

    /** FC's request body limits: 32 MB for Sync, 128 KB for Async invocations. */
    static final int SYNC_BODY_LIMIT = 32 * 1024 * 1024;
    static final int ASYNC_BODY_LIMIT = 128 * 1024;

    private static final List<String> RECORDED_HEADERS =
        List.of("content-type", "content-md5", "date", "x-fc-invocation-type", "x-fc-log-type");

    private final InvocationPath function;
    private final FcRequestAuthenticator authenticator;
    private final FaultPlan faults;
    private final BatchRecorder recorder;
    private final Clock clock;

    InvocationHandler(InvocationPath function, FcRequestAuthenticator authenticator, FaultPlan faults,
                      BatchRecorder recorder, Clock clock) {
        this.function = function;
        this.authenticator = authenticator;
        this.faults = faults;
        this.recorder = recorder;
        this.clock = clock;
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {

        static Answer of(FcError error) {
            return new Answer(error.status(), Map.of(), error.body());
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            pause(faults.responseDelay());
            String requestId = UUID.randomUUID().toString();
            Answer answer = answer(exchange, body, requestId);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Fc-Request-Id", requestId);
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private Answer answer(HttpExchange exchange, byte[] body, String requestId) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Optional<InvocationPath> target = InvocationPath.parse(path);
        if (!"POST".equals(method) || target.isEmpty()) {
            return Answer.of(FcError.pathNotSupported(method, path));
        }
        Optional<FcError> rejection = authenticator.check(method, path, exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders());
        if (rejection.isPresent()) {
            return Answer.of(rejection.get());
        }
        Optional<FcError> unknownFunction = findUnknown(target.get());
        if (unknownFunction.isPresent()) {
            return Answer.of(unknownFunction.get());
        }
        boolean sync = !"Async".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Fc-Invocation-Type"));
        int limit = sync ? SYNC_BODY_LIMIT : ASYNC_BODY_LIMIT;
        if (body.length > limit) {
            return Answer.of(FcError.entityTooLarge(limit));
        }
        Optional<FaultPlan.Fault> fault = faults.takeFault(sync);
        if (fault.isPresent()) {
            return faultAnswer(fault.get());
        }
        JsonNode event;
        try {
            event = FcError.JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            String problem = "the function expects a JSON body: " + e.getOriginalMessage();
            return sync ? functionError("SyntaxError", problem)
                : Answer.of(FcError.invalidArgument("local FC endpoint: " + problem));
        }
        ReceivedBatch batch = new ReceivedBatch(clock.instant(), requestId, recordedHeaders(exchange), event);
        recorder.record(batch);
        if (!sync) {
            return new Answer(202, Map.of(), new byte[0]);
        }
        String result = FcError.JSON.createObjectNode().put("receivedRecords", batch.records().size()).toString();
        return new Answer(200, Map.of(), result.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<FcError> findUnknown(InvocationPath requested) {
        if (!requested.service().equals(function.service())) {
            return Optional.of(FcError.serviceNotFound(requested.service()));
        }
        if (!requested.qualifier().equals(function.qualifier())) {
            return Optional.of(FcError.aliasNotFound(requested.qualifier(), requested.service()));
        }
        if (!requested.function().equals(function.function())) {
            return Optional.of(FcError.functionNotFound(requested.service(), requested.function()));
        }
        return Optional.empty();
    }

    private static Answer faultAnswer(FaultPlan.Fault fault) {
        if (fault instanceof FaultPlan.FunctionError error) {
            return functionError(error.errorType(), error.errorMessage());
        }
        FaultPlan.HttpFailure failure = (FaultPlan.HttpFailure) fault;
        Map<String, String> headers = failure.retryAfter() == null ? Map.of()
            : Map.of("Retry-After", Long.toString(failure.retryAfter().toSeconds()));
        return new Answer(failure.error().status(), headers, failure.error().body());
    }

    private static Answer functionError(String errorType, String errorMessage) {
        String body = FcError.JSON.createObjectNode().put("errorMessage", errorMessage).put("errorType", errorType)
            .toString();
        return new Answer(200, Map.of("X-Fc-Error-Type", "UnhandledInvocationError"),
            body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> recordedHeaders(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RECORDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return Map.copyOf(headers);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
