package dev.binlogfc.teststack.fc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers FC 2.0 and 3.0 InvokeFunction and GetFunction requests for one function, as FC would, and the plain
 * webhook's POST, OPTIONS and HEAD requests.
 */
final class InvocationHandler implements HttpHandler {

    /** FC's request body limits: 32 MB for Sync, 128 KB for Async invocations. */
    static final int SYNC_BODY_LIMIT = 32 * 1024 * 1024;
    static final int ASYNC_BODY_LIMIT = 128 * 1024;
    private static final List<String> WEBHOOK_METHODS = List.of("POST", "OPTIONS", "HEAD");

    private final InvocationPath function;
    private final FcRequestAuthenticator authenticator;
    private final Acs3RequestAuthenticator acs3Authenticator;
    private final Webhook webhook;
    private final FaultPlan faults;
    private final BatchRecorder recorder;
    private final BatchRecorder rejectedRecorder;
    private final Clock clock;
    private final ConcurrencyMeter concurrency;
    private final FunctionBehaviour behaviour;

    /** {@code webhook}: the plain HTTP endpoint to serve too, or null. */
    InvocationHandler(InvocationPath function, FcRequestAuthenticator authenticator,
                      Acs3RequestAuthenticator acs3Authenticator, Webhook webhook, FaultPlan faults,
                      BatchRecorder recorder, BatchRecorder rejectedRecorder, Clock clock, ConcurrencyMeter concurrency,
                      FunctionBehaviour behaviour) {
        this.rejectedRecorder = rejectedRecorder;
        this.function = function;
        this.acs3Authenticator = acs3Authenticator;
        this.webhook = webhook;
        this.concurrency = concurrency;
        this.behaviour = behaviour;
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
            String requestId = UUID.randomUUID().toString();
            Answer answer;
            // Counted until the answer is ready: once it is sent, the caller may already send its next request.
            concurrency.enter();
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                pause(faults.responseDelay());
                answer = answer(exchange, body, requestId);
            } finally {
                concurrency.leave();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Fc-Request-Id", requestId);
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            // An answer to HEAD has headers only, as HTTP requires.
            byte[] sent = "HEAD".equals(exchange.getRequestMethod()) ? new byte[0] : answer.body();
            exchange.sendResponseHeaders(answer.status(), sent.length == 0 ? -1 : sent.length);
            exchange.getResponseBody().write(sent);
        }
    }

    private Answer answer(HttpExchange exchange, byte[] body, String requestId) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (webhook != null && webhook.path().equals(path) && WEBHOOK_METHODS.contains(method)) {
            Optional<FcError> rejection = webhook.check(exchange.getRequestHeaders());
            if (rejection.isPresent()) {
                return Answer.of(rejection.get());
            }
            // OPTIONS and HEAD only show that the webhook is there; they never reach the function.
            return "POST".equals(method) ? deliver(exchange, body, requestId, true)
                : new Answer(204, Map.of("Allow", String.join(", ", WEBHOOK_METHODS)), new byte[0]);
        }
        boolean invocation = "POST".equals(method);
        Optional<InvocationPath> target = invocation || "GET".equals(method)
            ? InvocationPath.parse(path, rawQuery, invocation) : Optional.empty();
        if (target.isEmpty()) {
            return Answer.of(FcError.pathNotSupported(method, path));
        }
        Optional<FcError> rejection = target.get().isFc3()
            ? acs3Authenticator.check(method, path, rawQuery, exchange.getRequestHeaders(), body)
            : authenticator.check(method, path, rawQuery, exchange.getRequestHeaders());
        if (rejection.isPresent()) {
            return Answer.of(rejection.get());
        }
        Optional<FcError> unknownFunction = findUnknown(target.get());
        if (unknownFunction.isPresent()) {
            return Answer.of(unknownFunction.get());
        }
        if (!invocation) {
            String denied = behaviour.deniedGetFunctionTo();
            return denied != null ? Answer.of(FcError.accessDenied("GetFunction", denied))
                : functionMetadata(target.get());
        }
        boolean sync = !"Async".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Fc-Invocation-Type"));
        return deliver(exchange, body, requestId, sync);
    }

    /** Hands an authentic request's body to the function, unless it is too large or a fault is planned. */
    private Answer deliver(HttpExchange exchange, byte[] body, String requestId, boolean sync) {
        int limit = behaviour.maxBodyBytes() > 0 ? behaviour.maxBodyBytes() : sync ? SYNC_BODY_LIMIT : ASYNC_BODY_LIMIT;
        if (body.length > limit) {
            return Answer.of(FcError.entityTooLarge(limit));
        }
        Optional<FaultPlan.Fault> fault = faults.takeFault(sync);
        if (fault.isPresent()) {
            return faultAnswer(fault.get());
        }
        if (!behaviour.readsBodies()) {
            ReceivedBatch unread = ReceivedBatch.unread(clock.instant(), requestId, recordedHeaders(exchange), body);
            pause(faults.functionLatency(unread));
            recorder.record(unread);
            return new Answer(sync ? 200 : 202, Map.of(), new byte[0]);
        }
        ReceivedBatch batch;
        try {
            batch = ReceivedBatch.of(clock.instant(), requestId, recordedHeaders(exchange), body);
        } catch (JsonProcessingException e) {
            String problem = "the function expects a JSON body: " + e.getOriginalMessage();
            return sync ? functionError("SyntaxError", problem)
                : Answer.of(FcError.invalidArgument("local FC endpoint: " + problem));
        }
        Optional<RecordRejection> rejection = sync ? faults.rejection() : Optional.empty();
        if (rejection.isPresent()) {
            return rejectRecords(rejection.get(), batch, exchange);
        }
        return taken(batch, sync);
    }

    /**
     * The function took the batch: it runs for its latency, then the batch is recorded and answered with the number
     * of records for Sync invocations.
     */
    private Answer taken(ReceivedBatch batch, boolean sync) {
        pause(faults.functionLatency(batch));
        recorder.record(batch);
        if (!sync) {
            return new Answer(202, Map.of(), new byte[0]);
        }
        return json(200, FcError.JSON.createObjectNode().put("receivedRecords", batch.recordCount()));
    }

    /**
     * Runs a function that rejects some records: a batch without them is taken; one with them is either not taken
     * at all (function error, HTTP status) or taken up to the first rejected record (batch item failures).
     */
    private Answer rejectRecords(RecordRejection rejection, ReceivedBatch batch, HttpExchange exchange) {
        List<JsonNode> records = batch.records();
        List<Integer> rejected = rejection.reject(records);
        boolean itemFailures = rejection.answer() == RecordRejection.Answer.BATCH_ITEM_FAILURES;
        if (rejected.isEmpty() && !itemFailures) {
            return taken(batch, true);
        }
        if (rejected.isEmpty()) {
            recorder.record(batch);
            return json(200, itemFailures(records, rejected));
        }
        rejectedRecorder.record(batch);
        String ids = rejected.stream().map(index -> records.get(index).path("id").asText()).toList().toString();
        return switch (rejection.answer()) {
            case FUNCTION_ERROR -> functionError("RecordRejected", "the function rejects record " + ids);
            case HTTP_STATUS -> Answer.of(new FcError(rejection.status(), "RecordRejected",
                "the function rejects record " + ids));
            case BATCH_ITEM_FAILURES -> {
                int processed = rejected.get(0);
                if (processed > 0) {
                    recorder.record(ReceivedBatch.ofRecords(batch.receivedAt(), batch.requestId(), batch.headers(),
                        records.subList(0, processed)));
                }
                yield json(200, itemFailures(records, rejected));
            }
        };
    }

    private static ObjectNode itemFailures(List<JsonNode> records, List<Integer> rejected) {
        ObjectNode answer = FcError.JSON.createObjectNode();
        ArrayNode failures = answer.putArray("batchItemFailures");
        for (int index : rejected) {
            failures.addObject().put("itemIdentifier", records.get(index).path("id").asText());
        }
        return answer;
    }

    private static Answer json(int status, ObjectNode body) {
        return new Answer(status, Map.of(), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** GetFunction's answer: the function's configuration, of which the local function has little. */
    private static Answer functionMetadata(InvocationPath requested) {
        String metadata = FcError.JSON.createObjectNode().put("functionName", requested.function())
            .put("description", "function of the local FC endpoint").put("runtime", "custom.debian10")
            .put("handler", "index.handler").toString();
        return new Answer(200, Map.of(), metadata.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<FcError> findUnknown(InvocationPath requested) {
        if (!requested.isFc3() && !requested.service().equals(function.service())) {
            return Optional.of(FcError.serviceNotFound(requested.service()));
        }
        if (!requested.qualifier().equals(function.qualifier())) {
            String owner = requested.isFc3() ? requested.function() : requested.service();
            // FC names a missing numeric qualifier a version, any other an alias.
            return Optional.of(requested.qualifier().chars().allMatch(Character::isDigit)
                ? FcError.versionNotFound(requested.qualifier(), owner)
                : FcError.aliasNotFound(requested.qualifier(), owner));
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

    /** Every request header under its lower-case name, except Authorization, which holds secrets. */
    private static Map<String, String> recordedHeaders(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lowerCaseName = name.toLowerCase(Locale.ROOT);
            if (!values.isEmpty() && !"authorization".equals(lowerCaseName)) {
                headers.put(lowerCaseName, values.get(0));
            }
        });
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
