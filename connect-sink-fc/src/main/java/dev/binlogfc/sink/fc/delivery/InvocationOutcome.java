package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.sink.fc.invoke.FailureClass;
import dev.binlogfc.sink.fc.invoke.FcResponse;
import dev.binlogfc.sink.fc.invoke.RetryCause;
import java.time.Duration;
import java.util.Set;

/** What one invocation attempt means for the batch it carried. */
public sealed interface InvocationOutcome {

    /** The function received the batch. */
    record Delivered(String requestId) implements InvocationOutcome {
    }

    /**
     * The function processed the batch except the records with the Canal ids {@code failedIds}
     * (report.batch.item.failures); the records before the first of them are delivered.
     */
    record PartlyDelivered(Set<String> failedIds, FcResponse response) implements InvocationOutcome {
    }

    /**
     * The batch was not taken, and trying again may help. {@code answer} describes what FC answered (status,
     * error code or type, message, request id), {@code bodyExcerpt} is the start of the body for logs, and
     * {@code retryAfter} the delay FC asked for (zero if none). {@code response} is the answer itself, null when
     * none arrived.
     */
    record Retryable(RetryCause cause, String answer, String bodyExcerpt, Duration retryAfter, FcResponse response)
        implements InvocationOutcome {

        public FailureClass failureClass() {
            return cause.failureClass();
        }
    }

    /** The request body was too large for the function (HTTP 413 or EntityTooLarge); a smaller one may pass. */
    record TooLarge(String answer) implements InvocationOutcome {
    }

    /** Trying again cannot help (authentication, authorisation, unknown function, rejected request). */
    record Fatal(String reason) implements InvocationOutcome {
    }
}
