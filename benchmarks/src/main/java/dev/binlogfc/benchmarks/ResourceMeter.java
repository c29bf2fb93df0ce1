package dev.binlogfc.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;

/**
 * CPU time and peak heap of this JVM over one load. The Connect worker, the broker and the function endpoint all
 * run in this JVM, so the figures are the whole in-process stack's, which bounds the worker's own; the CPU time is
 * also split by {@link ThreadRole}, which tells the worker's connector threads apart.
 */
final class ResourceMeter implements AutoCloseable {

    /**
     * What a load cost: CPU nanoseconds of the process, the highest heap use seen and the heap still in use after
     * a full GC at the end (what the stack keeps, rather than what the collector had not yet reclaimed), in bytes;
     * and the CPU nanoseconds by thread role, {@link ThreadRole#OTHER} taking what the named roles leave, so that
     * they add up to {@code cpuNanos}.
     */
    record Usage(long cpuNanos, long peakHeapBytes, long liveHeapBytes, Map<ThreadRole, Long> cpuNanosByRole) {

        /** CPU nanoseconds of the threads that run connector work in the Connect worker. */
        long connectorThreadCpuNanos() {
            return cpuNanosByRole.entrySet().stream().filter(entry -> entry.getKey().connectorThread())
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private static final long SAMPLE_MILLIS = 100;
    /** Threads are sampled less often than the heap: reading 200 threads' CPU times costs a little CPU itself. */
    private static final int HEAP_SAMPLES_PER_THREAD_SAMPLE = 5;

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long startCpuNanos;
    private final ThreadCpu threads;
    private final Thread sampler;
    private volatile long peakHeapBytes;

    private ResourceMeter(String sinkConnector) {
        threads = ThreadCpu.start(sinkConnector);
        startCpuNanos = os.getProcessCpuTime();
        sampler = new Thread(this::sampleUntilInterrupted, "resource-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts measuring; {@code sinkConnector} names the connector whose task threads are the sink's. */
    static ResourceMeter start(String sinkConnector) {
        return new ResourceMeter(sinkConnector);
    }

    /** The usage so far; call once the load's data is no longer referenced by the harness. */
    Usage usage() {
        sampleHeap();
        long cpuNanos = os.getProcessCpuTime() - startCpuNanos;
        Map<ThreadRole, Long> byRole = threads.used();
        long named = byRole.values().stream().mapToLong(Long::longValue).sum();
        byRole.put(ThreadRole.OTHER, Math.max(0, cpuNanos - named));
        memory.gc();
        return new Usage(cpuNanos, peakHeapBytes, memory.getHeapMemoryUsage().getUsed(), byRole);
    }

    @Override
    public void close() {
        sampler.interrupt();
    }

    private void sampleUntilInterrupted() {
        for (long sample = 1; !Thread.currentThread().isInterrupted(); sample++) {
            sampleHeap();
            if (sample % HEAP_SAMPLES_PER_THREAD_SAMPLE == 0) {
                threads.sample();
            }
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
