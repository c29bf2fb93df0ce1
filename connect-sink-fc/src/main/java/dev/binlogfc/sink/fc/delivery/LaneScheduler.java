package dev.binlogfc.sink.fc.delivery;

import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a lane's steps on the delivery threads, each after a delay; tests run them by hand, so that linger, backoff
 * and throttle waits are seen without sleeping.
 */
@FunctionalInterface
public interface LaneScheduler {

    /**
     * Runs {@code step} once, {@code delayNanos} from now.
     *
     * @throws RejectedExecutionException when the delivery threads are stopping
     */
    void schedule(Runnable step, long delayNanos);
}
