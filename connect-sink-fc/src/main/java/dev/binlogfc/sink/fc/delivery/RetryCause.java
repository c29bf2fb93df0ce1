package dev.binlogfc.sink.fc.delivery;

/** Why an invocation attempt is retried; each cause is counted in the retries-total metric. */
public enum RetryCause {
    /** No answer (refused, reset, timeout, DNS) or a gateway answer (408, 502, 503, 504). */
    CONNECTION("connection", FailureClass.CONNECTION),
    /** The function ran and failed ({@code X-Fc-Error-Type}). */
    FUNCTION_ERROR("function-error", FailureClass.OTHER),
    /** HTTP 429: FC throttled the invocation. */
    THROTTLED("throttled", FailureClass.OTHER),
    /** Any other 5xx answer. */
    SERVER_ERROR("server-error", FailureClass.OTHER),
    /** The request body was too large; the batch is split in halves, which is no failure of its own. */
    TOO_LARGE("too-large", null);

    private final String tag;
    private final FailureClass failureClass;

    RetryCause(String tag, FailureClass failureClass) {
        this.tag = tag;
        this.failureClass = failureClass;
    }

    /** The value of the metric's {@code cause} tag. */
    public String tag() {
        return tag;
    }

    /** The retry window this cause counts against; null for a split, which is not limited by time. */
    public FailureClass failureClass() {
        return failureClass;
    }
}
