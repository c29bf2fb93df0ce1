package dev.binlogfc.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap this JVM's stack keeps while a long load runs: every interval a full GC, then the heap still in use. The
 * GCs pause the load for a moment each, so loads compared with each other are sampled at the same interval.
 */
final class LiveHeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<Long> samples = new ArrayList<>();
    private final Thread sampler;

    LiveHeapSampler(long intervalMillis) {
        sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(intervalMillis);
                    memory.gc();
                    synchronized (samples) {
                        samples.add(memory.getHeapMemoryUsage().getUsed());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "live-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The live heap after each full GC so far, in bytes. */
    List<Long> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
