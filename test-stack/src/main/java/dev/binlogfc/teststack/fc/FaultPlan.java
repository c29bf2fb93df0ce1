package dev.binlogfc.teststack.fc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Failures the local endpoint injects into authentic invocations; changeable while the endpoint runs.
 * HTTP failures are used before function errors; function errors only apply to Sync invocations because
 * FC answers an Async invocation before the function runs.
 */
public final class FaultPlan {

    /** What the endpoint does instead of running the function. */
    sealed interface Fault permits HttpFailure, FunctionError {
    }

    /** Answer with an FC error status, optionally with a Retry-After header. */
    record HttpFailure(FcError error, Duration retryAfter) implements Fault {
    }

    /** Answer 200 with {@code X-Fc-Error-Type: UnhandledInvocationError}, as FC does when the function throws. */
    record FunctionError(String errorType, String errorMessage) implements Fault {
    }

    private int httpFailuresLeft;
    private HttpFailure httpFailure;
    private int functionErrorsLeft;
    private FunctionError functionError;
    private Duration responseDelay = Duration.ZERO;
    private Duration latencyPerInvocation = Duration.ZERO;
    private Duration latencyPerRecord = Duration.ZERO;
    private RecordRejection rejection;

    /** Fail the next {@code calls} authentic invocations with {@code status} (e.g. 500, 502, 503, 504, 429). */
    public synchronized FaultPlan failNext(int calls, int status) {
        return failNext(calls, status, null);
    }

    /** As {@link #failNext(int, int)}, adding {@code Retry-After} (whole seconds) to each answer. */
    public synchronized FaultPlan failNext(int calls, int status, Duration retryAfter) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an injected failure needs a 4xx or 5xx status, not " + status);
        }
        httpFailuresLeft = requireCount(calls);
        httpFailure = new HttpFailure(FcError.injected(status), retryAfter);
        return this;
    }

    /** Make the function fail for the next {@code calls} Sync invocations. */
    public synchronized FaultPlan failFunctionNext(int calls, String errorType, String errorMessage) {
        functionErrorsLeft = requireCount(calls);
        functionError = new FunctionError(errorType, errorMessage);
        return this;
    }

    /**
     * Let the function reject the records matching {@code condition}, each the first {@code timesEach} times it
     * arrives, answering as {@code answer} says; {@code status} is the HTTP status for {@link
     * RecordRejection.Answer#HTTP_STATUS} and ignored otherwise. Applies to Sync invocations and webhooks.
     */
    public synchronized FaultPlan rejectRecords(Predicate<JsonNode> condition, int timesEach,
                                                RecordRejection.Answer answer, int status) {
        if (answer == RecordRejection.Answer.HTTP_STATUS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a rejection needs a 4xx or 5xx status, not " + status);
        }
        rejection = new RecordRejection(condition, timesEach, answer, status);
        return this;
    }

    /** Delay every answer (including error answers) by {@code delay}; {@link Duration#ZERO} to stop. */
    public synchronized FaultPlan delayResponses(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a response delay cannot be negative: " + delay);
        }
        responseDelay = delay;
        return this;
    }

    /**
     * Let the function run {@code perInvocation} plus {@code perRecord} for each record of every batch it takes, as a
     * function that writes each record to a database does; both {@link Duration#ZERO} to answer at once.
     */
    public synchronized FaultPlan functionLatency(Duration perInvocation, Duration perRecord) {
        if (perInvocation.isNegative() || perRecord.isNegative()) {
            throw new IllegalArgumentException("a function latency cannot be negative: " + perInvocation + ", "
                + perRecord);
        }
        latencyPerInvocation = perInvocation;
        latencyPerRecord = perRecord;
        return this;
    }

    /** Remove every injected failure and delay. */
    public synchronized FaultPlan clear() {
        httpFailuresLeft = 0;
        functionErrorsLeft = 0;
        responseDelay = Duration.ZERO;
        latencyPerInvocation = Duration.ZERO;
        latencyPerRecord = Duration.ZERO;
        rejection = null;
        return this;
    }

    /** The records the function rejects, if it is told to reject any. */
    synchronized Optional<RecordRejection> rejection() {
        return Optional.ofNullable(rejection);
    }

    synchronized Duration responseDelay() {
        return responseDelay;
    }

    /** How long the function runs for {@code batch}; its records are counted only for a latency per record. */
    synchronized Duration functionLatency(ReceivedBatch batch) {
        return latencyPerRecord.isZero() ? latencyPerInvocation
            : latencyPerInvocation.plus(latencyPerRecord.multipliedBy(batch.recordCount()));
    }

    /** Takes the fault for the next authentic invocation, if one is planned. */
    synchronized Optional<Fault> takeFault(boolean syncInvocation) {
        if (httpFailuresLeft > 0) {
            httpFailuresLeft--;
            return Optional.of(httpFailure);
        }
        if (syncInvocation && functionErrorsLeft > 0) {
            functionErrorsLeft--;
            return Optional.of(functionError);
        }
        return Optional.empty();
    }

    private static int requireCount(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("the number of calls to fail cannot be negative: " + calls);
        }
        return calls;
    }
}
