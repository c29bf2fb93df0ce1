package dev.binlogfc.sink.fc.invoke;

/** Why an invocation attempt is retried; each cause is counted in the retries-total metric. */
public enum RetryCause {
    /** No answer (refused, reset, timeout, DNS) or a gateway answer (408, 502, 503, 504). */
    CONNECTION("connection", FailureClass.CONNECTION, false),
    /** The function ran and failed ({@code X-Fc-Error-Type}). */
    FUNCTION_ERROR("function-error", FailureClass.OTHER, true),
    /** HTTP 429: FC throttled the invocation. */
    THROTTLED("throttled", FailureClass.OTHER, false),
    /** Any other 5xx answer from FC: trouble of the platform, not of the records. */
    SERVER_ERROR("server-error", FailureClass.OTHER, false),
    /** Any other 5xx answer from a webhook: the handler behind it may have failed on one bad row. */
    ENDPOINT_ERROR("endpoint-error", FailureClass.OTHER, true),
    /** A webhook rejected the batch with one of http.batch.failure.statuses (e.g. 400, 422 from validation). */
    REJECTED("rejected", FailureClass.OTHER, true),
    /** The function named records it could not process (report.batch.item.failures). */
    ITEM_FAILURES("item-failures", FailureClass.OTHER, true),
    /** The function's answer is not the batch item failures answer it was configured to give. */
    MALFORMED_ANSWER("malformed-answer", FailureClass.OTHER, false),
    /** The request body was too large; the batch is split in halves, which is no failure of its own. */
    TOO_LARGE("too-large", null, false);

    private final String tag;
    private final FailureClass failureClass;
    private final boolean mayBeTheRecords;

    RetryCause(String tag, FailureClass failureClass, boolean mayBeTheRecords) {
        this.tag = tag;
        this.failureClass = failureClass;
        this.mayBeTheRecords = mayBeTheRecords;
    }

    /** The value of the metric's {@code cause} tag. */
    public String tag() {
        return tag;
    }

    /** The retry window this cause counts against; null for a split, which is not limited by time. */
    public FailureClass failureClass() {
        return failureClass;
    }

    /**
     * Whether a record of the batch may be what the function rejects, so that once the batch's retry budget is
     * spent its records are tried in parts to isolate that record; other failures end the task after their window.
     */
    public boolean mayBeTheRecords() {
        return mayBeTheRecords;
    }
}
