package dev.binlogfc.sink.fc.invoke;

import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Lets another thread abort an invocation in progress: when Connect takes a partition away from the task, its
 * batch in flight must not arrive after the batches the partition's next owner sends.
 */
public final class CallCanceller {

    private Cancellable request;
    private boolean cancelled;

    synchronized void attach(Cancellable request) {
        this.request = request;
        if (cancelled) {
            request.cancel();
        }
    }

    /** Aborts the call (its connection is closed, the caller gets an IOException); also before it started. */
    public synchronized void cancel() {
        cancelled = true;
        if (request != null) {
            request.cancel();
        }
    }
}
