package dev.binlogfc.benchmarks;

/**
 * What a thread of the benchmark's JVM works for. The broker, the Connect worker, the function endpoint and the
 * probes share one JVM, so its CPU time alone cannot tell what the worker costs; the threads' names can.
 */
enum ThreadRole {
    DEBEZIUM_READER("Debezium reader", true),
    SOURCE_TASK("source task", true),
    PRODUCER_IO("source producer I/O", true),
    SINK_TASK("sink task", true),
    SINK_DELIVERY("sink delivery", true),
    BROKER("Kafka broker", false),
    FUNCTION_ENDPOINT("function endpoint", false),
    PROBES("probes", false),
    JIT("JIT compiler", false),
    GC("GC", false),
    OTHER("other", false);

    private final String label;
    private final boolean connectorThread;

    ThreadRole(String label, boolean connectorThread) {
        this.label = label;
        this.connectorThread = connectorThread;
    }

    String label() {
        return label;
    }

    /** Whether the thread runs connector work in the Connect worker (the worker's share of JIT and GC aside). */
    boolean connectorThread() {
        return connectorThread;
    }

    /**
     * The role of a Java thread. Connect names task threads {@code task-thread-<connector>-<task>} and task
     * producers {@code connector-producer-<connector>-<task>}; Debezium's binlog client thread is {@code blc-...}
     * and its coordinator {@code debezium-...}.
     */
    static ThreadRole ofJavaThread(String name, String sinkConnector) {
        if (name.startsWith("blc-") || name.startsWith("debezium-")) {
            return DEBEZIUM_READER;
        }
        if (name.startsWith("task-thread-")) {
            return name.startsWith("task-thread-" + sinkConnector + "-") ? SINK_TASK : SOURCE_TASK;
        }
        if (name.startsWith("fc-sink-delivery-")) {
            return SINK_DELIVERY;
        }
        if (name.startsWith("kafka-producer-network-thread | connector-producer-")) {
            return PRODUCER_IO;
        }
        if (name.startsWith("data-plane-kafka-")) {
            return BROKER;
        }
        // The local endpoint's HttpServer dispatches on HTTP-Dispatcher and answers on fc-local-endpoint threads.
        if (name.startsWith("fc-local-endpoint") || name.equals("HTTP-Dispatcher")) {
            return FUNCTION_ENDPOINT;
        }
        if (name.equals("topic-probe") || name.equals("endpoint-probe")) {
            return PROBES;
        }
        return OTHER;
    }

    /** The role of a JVM thread that is not a Java thread, by its Linux name (at most 15 characters). */
    static ThreadRole ofVmThread(String linuxName) {
        if (linuxName.startsWith("C1 CompilerThre") || linuxName.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (linuxName.startsWith("GC Thread") || linuxName.startsWith("G1 ") || linuxName.equals("VM Thread")) {
            return GC;
        }
        return OTHER;
    }
}
