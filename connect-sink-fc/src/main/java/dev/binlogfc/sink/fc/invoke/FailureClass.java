package dev.binlogfc.sink.fc.invoke;

/** Retryable failures, each retried within its own window (retry.connection.minutes, retry.other.minutes). */
public enum FailureClass {
    /** No answer from FC (refused, reset, timeout, DNS) or a gateway answer: 502, 503, 504, 408. */
    CONNECTION,
    /** FC answered, but the batch was not taken: function errors, throttling (429), other 5xx. */
    OTHER
}
