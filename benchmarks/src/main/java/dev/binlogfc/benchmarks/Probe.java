package dev.binlogfc.benchmarks;

/** Watches where records end up and reports each one to the current {@link Delivery}. */
interface Probe extends AutoCloseable {

    /** Reports the records that arrive from now on to {@code delivery}. */
    void deliverTo(Delivery delivery);

    /** Forgets what arrived so far; only called while nothing is in flight. */
    void reset();

    @Override
    void close();
}
