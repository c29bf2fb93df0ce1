package dev.binlogfc.teststack.fc;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the requests the endpoint is handling at once, and the most it handled at once so far. */
final class ConcurrencyMeter {

    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger highest = new AtomicInteger();

    void enter() {
        highest.accumulateAndGet(current.incrementAndGet(), Math::max);
    }

    void leave() {
        current.decrementAndGet();
    }

    int highest() {
        return highest.get();
    }
}
