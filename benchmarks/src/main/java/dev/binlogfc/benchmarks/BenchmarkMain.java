package dev.binlogfc.benchmarks;

/** How a benchmark's {@code main} runs its body: quiet java.util.logging, and an exit code either way. */
final class BenchmarkMain {

    /** A benchmark's work. */
    interface Body {
        void run() throws Exception;
    }

    private BenchmarkMain() {
    }

    /** Runs {@code body} and exits 0, or prints what went wrong and exits 1. */
    static void runAndExit(Body body) {
        // Debezium's binlog client logs through java.util.logging; keep it as quiet as the log4j2 side.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        // Kafka's and Debezium's non-daemon threads would keep the JVM alive after a failure.
        try {
            body.run();
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
