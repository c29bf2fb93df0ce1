package dev.binlogfc.sink.fc.invoke;

import dev.binlogfc.common.config.EnumeratedSetting;

/** How FC runs the function: Sync answers with the function's result, Async queues the event and answers 202. */
public enum InvocationType implements EnumeratedSetting {
    SYNC("Sync", 32 * 1024 * 1024),
    ASYNC("Async", 128 * 1024);

    private final String headerValue;
    private final int maxRequestBytes;

    InvocationType(String headerValue, int maxRequestBytes) {
        this.headerValue = headerValue;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The value of the {@code x-fc-invocation-type} header, which earlier versions took as the setting's value. */
    public String headerValue() {
        return headerValue;
    }

    /** The largest request body FC accepts for this invocation type (32 MB Sync, 128 KB Async). */
    public int maxRequestBytes() {
        return maxRequestBytes;
    }
}
