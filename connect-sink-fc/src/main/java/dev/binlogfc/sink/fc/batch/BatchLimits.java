package dev.binlogfc.sink.fc.batch;

/** The most records and the most request-body bytes one invocation may carry. */
public record BatchLimits(int maxRecords, int maxBytes) {
}
