package dev.binlogfc.sink.fc.delivery;

/** A monotonic clock in nanoseconds, as {@link System#nanoTime()}; tests move a fake one by hand. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
