package dev.binlogfc.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * CPU time and peak heap of this JVM over one load. The Connect worker, the broker and the function endpoint all
 * run in this JVM, so the figures are the whole in-process stack's, which bounds the worker's own.
 */
final class ResourceMeter implements AutoCloseable {

    /**
     * What a load cost: CPU nanoseconds of the process, the highest heap use seen and the heap still in use after
     * a full GC at the end (what the stack keeps, rather than what the collector had not yet reclaimed), in bytes.
     */
    record Usage(long cpuNanos, long peakHeapBytes, long liveHeapBytes) {
    }

    private static final long SAMPLE_MILLIS = 100;

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long startCpuNanos;
    private final Thread sampler;
    private volatile long peakHeapBytes;

    private ResourceMeter() {
        startCpuNanos = os.getProcessCpuTime();
        sampler = new Thread(this::sampleUntilInterrupted, "resource-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    static ResourceMeter start() {
        return new ResourceMeter();
    }

    /** The usage so far; call once the load's data is no longer referenced by the harness. */
    Usage usage() {
        sampleHeap();
        long cpuNanos = os.getProcessCpuTime() - startCpuNanos;
        memory.gc();
        return new Usage(cpuNanos, peakHeapBytes, memory.getHeapMemoryUsage().getUsed());
    }

    @Override
    public void close() {
        sampler.interrupt();
    }

    private void sampleUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            sampleHeap();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleHeap() {
        peakHeapBytes = Math.max(peakHeapBytes, memory.getHeapMemoryUsage().getUsed());
    }
}
