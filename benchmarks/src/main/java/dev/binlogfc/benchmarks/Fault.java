package dev.binlogfc.benchmarks;

import java.time.Duration;

/** A fault the suite injects: {@code inject} runs it for {@code duration}, then the stack must heal by itself. */
record Fault(String description, Duration duration, Injection inject) {

    /** Causes the fault, keeps it up for the given time, and removes it before returning. */
    @FunctionalInterface
    interface Injection {
        void run(Duration duration) throws Exception;
    }
}
