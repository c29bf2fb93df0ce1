package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.invoke.FcFunction;
import dev.binlogfc.sink.fc.invoke.FcResponse;
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

    private final FcFunction function;

    public OutcomeClassifier(FcFunction function) {
        this.function = function;
    }

    public InvocationOutcome classify(FcResponse response) {
        if (response.isSuccess()) {
            return new InvocationOutcome.Delivered(response.requestId());
        }
        int status = response.status();
        if (response.isFunctionError() || status == 429 || (status >= 500 && !GATEWAY_STATUSES.contains(status))) {
            return retryable(FailureClass.OTHER, response);
        }
        if (GATEWAY_STATUSES.contains(status)) {
            return retryable(FailureClass.CONNECTION, response);
        }
        return new InvocationOutcome.Fatal(function + " answered " + response.describe() + "; " + remedy(status,
            response.errorCode()));
    }

    /** A call that got no answer; connection problems are retried, an untrusted TLS certificate is not. */
    public InvocationOutcome classify(IOException failure) {
        if (hasCause(failure, CertificateException.class) || hasCause(failure, SSLPeerUnverifiedException.class)) {
            return new InvocationOutcome.Fatal("the TLS certificate of " + function.endpoint() + " is not trusted ("
                + failure + "); check fc.endpoint and the JVM's trust store");
        }
        return new InvocationOutcome.Retryable(FailureClass.CONNECTION, "no answer: " + failure, "", Duration.ZERO);
    }

    private static InvocationOutcome retryable(FailureClass failureClass, FcResponse response) {
        return new InvocationOutcome.Retryable(failureClass, response.describe(),
            response.bodyExcerpt(BODY_EXCERPT_CHARS), response.retryAfterDelay().orElse(Duration.ZERO));
    }

    private static String remedy(int status, String errorCode) {
        if (status == 401 || status == 403) {
            return "check fc.access.key.id, fc.access.key.secret and fc.security.token, that this AccessKey may"
                + " invoke the function, and that the Connect worker's clock is right";
        }
        if (status == 404) {
            return "check fc.endpoint (account id and region), fc.service.name, fc.qualifier and fc.function.name";
        }
        if ("EntityTooLarge".equals(errorCode) || status == 413) {
            return "lower batch.max.bytes below FC's request size limit";
        }
        if (status < 400) {
            return "FC does not redirect invocations; check fc.endpoint";
        }
        return "FC rejected the request and would reject it again";
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
