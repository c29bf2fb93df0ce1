package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.invoke.FailureCauses;
import dev.binlogfc.sink.fc.invoke.InvocationTarget;
import dev.binlogfc.sink.fc.invoke.FcResponse;
import dev.binlogfc.sink.fc.invoke.RetryCause;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Decides whether an invocation delivered its batch, may be retried, or can never succeed as configured. */
public final class OutcomeClassifier {

    /** How much of an answer's body a log line quotes. */
    static final int BODY_EXCERPT_CHARS = 1024;

    private static final Set<Integer> GATEWAY_STATUSES = Set.of(408, 502, 503, 504);
    private static final String ENTITY_TOO_LARGE = "EntityTooLarge";

    private final InvocationTarget target;
    private final AnswerPolicy policy;

    public OutcomeClassifier(InvocationTarget target) {
        this(target, AnswerPolicy.FC_ONLY);
    }

    public OutcomeClassifier(InvocationTarget target, AnswerPolicy policy) {
        this.target = target;
        this.policy = policy;
    }

    public InvocationOutcome classify(FcResponse response) {
        if (response.isSuccess()) {
            return policy.batchItemFailures() ? itemFailures(response)
                : new InvocationOutcome.Delivered(response.requestId());
        }
        int status = response.status();
        if (response.isFunctionError()) {
            return retryable(RetryCause.FUNCTION_ERROR, response);
        }
        if (status == 429) {
            return retryable(RetryCause.THROTTLED, response);
        }
        if (GATEWAY_STATUSES.contains(status)) {
            return retryable(RetryCause.CONNECTION, response);
        }
        if (status >= 500) {
            return retryable(policy.webhook() ? RetryCause.ENDPOINT_ERROR : RetryCause.SERVER_ERROR, response);
        }
        if (status == 413 || ENTITY_TOO_LARGE.equals(response.errorCode())) {
            return new InvocationOutcome.TooLarge(target + " answered " + response.describe());
        }
        if (policy.batchFailureStatuses().contains(status)) {
            return retryable(RetryCause.REJECTED, response);
        }
        return new InvocationOutcome.Fatal(target + " answered " + response.describe() + "; "
            + remedy(status));
    }

    /** A call that got no answer; connection problems are retried, an untrusted TLS certificate is not. */
    public InvocationOutcome classify(IOException failure) {
        if (FailureCauses.include(failure, CertificateException.class)
            || FailureCauses.include(failure, SSLPeerUnverifiedException.class)) {
            return new InvocationOutcome.Fatal("the TLS certificate of " + target + " is not trusted (" + failure
                + "); " + target.addressHint());
        }
        return new InvocationOutcome.Retryable(RetryCause.CONNECTION, "no answer: " + failure, "", Duration.ZERO,
            null);
    }

    /** A successful answer of a function that reports the records it could not process. */
    private static InvocationOutcome itemFailures(FcResponse response) {
        BatchItemFailures.Answer answer = BatchItemFailures.read(response.body());
        if (answer.malformed().isPresent()) {
            return malformed(response, answer.malformed().get());
        }
        return answer.failedIds().isEmpty() ? new InvocationOutcome.Delivered(response.requestId())
            : new InvocationOutcome.PartlyDelivered(answer.failedIds(), response);
    }

    /** An answer that does not say which records were processed: the whole batch counts as failed. */
    static InvocationOutcome.Retryable malformed(FcResponse response, String why) {
        return new InvocationOutcome.Retryable(RetryCause.MALFORMED_ANSWER, response.describe() + " is not a batch"
            + " item failures answer: " + why + "; with " + DeliverySettings.REPORT_BATCH_ITEM_FAILURES + "=true the"
            + " function must answer " + BatchItemFailures.SHAPE + " naming Canal ids of the batch, or an empty"
            + " body", response.bodyExcerpt(BODY_EXCERPT_CHARS), Duration.ZERO, response);
    }

    private static InvocationOutcome retryable(RetryCause cause, FcResponse response) {
        return new InvocationOutcome.Retryable(cause, response.describe(),
            response.bodyExcerpt(BODY_EXCERPT_CHARS), response.retryAfterDelay().orElse(Duration.ZERO), response);
    }

    private String remedy(int status) {
        if (status == 401 || status == 403) {
            return target.authenticationHint();
        }
        if (status == 404) {
            return target.notFoundHint();
        }
        if (status < 400) {
            return "the target redirects instead of taking the batch; " + target.notFoundHint();
        }
        return "the target rejected the request and would reject it again";
    }
}
