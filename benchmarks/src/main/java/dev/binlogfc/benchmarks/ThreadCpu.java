package dev.binlogfc.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time each {@link ThreadRole} of this JVM used since {@link #start}. Java threads are read through the
 * ThreadMXBean, which has their whole names; the JIT compiler and GC threads, which it does not list, from
 * {@code /proc/self/task} (Linux only; elsewhere they count as nothing). Threads come and go during a load (a
 * snapshot's workers end with it), so {@link #sample} is called every few hundred milliseconds: a thread that
 * ended counts with what it had used at its last sample.
 */
final class ThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** USER_HZ, the unit of utime and stime in /proc: 100 on every Linux architecture Java runs on. */
    private static final long NANOS_PER_TICK = 10_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String UNNAMED_POOL_THREAD = "pool-";
    private static final int POOL_THREAD_STACK_DEPTH = 64;

    private record Sample(ThreadRole role, long cpuNanos) {
    }

    private final String sinkConnector;
    /** Keyed by Java thread id, or by the negated Linux thread id for VM threads. */
    private final Map<Long, Sample> atStart;
    private final Map<Long, Sample> latest;

    private ThreadCpu(String sinkConnector) {
        this.sinkConnector = sinkConnector;
        this.latest = new HashMap<>();
        sampleJavaThreads();
        sampleVmThreads();
        this.atStart = new HashMap<>(latest);
    }

    /** Starts counting; {@code sinkConnector} names the connector whose task threads are the sink's. */
    static ThreadCpu start(String sinkConnector) {
        return new ThreadCpu(sinkConnector);
    }

    /** Notes the Java threads' CPU times so far. */
    synchronized void sample() {
        sampleJavaThreads();
    }

    /**
     * CPU nanoseconds per named role since {@link #start}. {@link ThreadRole#OTHER} is left out: VM threads other
     * than the JIT's and GC's are not read, so only the process's CPU time less the named roles gives it.
     */
    synchronized Map<ThreadRole, Long> used() {
        sampleJavaThreads();
        sampleVmThreads();
        Map<ThreadRole, Long> byRole = new EnumMap<>(ThreadRole.class);
        latest.forEach((key, sample) -> {
            if (sample.role() == ThreadRole.OTHER) {
                return;
            }
            Sample before = atStart.get(key);
            long used = sample.cpuNanos() - (before == null ? 0 : before.cpuNanos());
            byRole.merge(sample.role(), Math.max(0, used), Long::sum);
        });
        return byRole;
    }

    private void sampleJavaThreads() {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpuNanos = THREADS.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpuNanos >= 0) {
                latest.put(ids[i], new Sample(role(ids[i], infos[i].getThreadName()), cpuNanos));
            }
        }
    }

    /**
     * The role of a Java thread, from its name; a thread of an unnamed pool ({@code pool-N-thread-M}, which is
     * where Debezium's snapshot reads its tables) by the code it runs, once a sample catches it in Debezium's.
     */
    private ThreadRole role(long id, String name) {
        ThreadRole role = ThreadRole.ofJavaThread(name, sinkConnector);
        if (role != ThreadRole.OTHER || !name.startsWith(UNNAMED_POOL_THREAD)) {
            return role;
        }
        Sample known = latest.get(id);
        if (known != null && known.role() != ThreadRole.OTHER) {
            return known.role();
        }
        ThreadInfo withStack = THREADS.getThreadInfo(id, POOL_THREAD_STACK_DEPTH);
        boolean inDebezium = withStack != null && Arrays.stream(withStack.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith("io.debezium."));
        return inDebezium ? ThreadRole.DEBEZIUM_READER : ThreadRole.OTHER;
    }

    private void sampleVmThreads() {
        if (!Files.isDirectory(TASKS)) {
            return;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException e) {
                    continue; // the thread ended since the directory was listed
                }
                // pid (name) state ppid ... utime stime: the name may hold spaces, so fields count from its ')'.
                int nameEnd = stat.lastIndexOf(')');
                ThreadRole role = ThreadRole.ofVmThread(stat.substring(stat.indexOf('(') + 1, nameEnd));
                if (role != ThreadRole.OTHER) {
                    String[] fields = stat.substring(nameEnd + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long linuxThreadId = Long.parseLong(task.getFileName().toString());
                    latest.put(-linuxThreadId, new Sample(role, ticks * NANOS_PER_TICK));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the threads' CPU times from " + TASKS, e);
        }
    }
}
