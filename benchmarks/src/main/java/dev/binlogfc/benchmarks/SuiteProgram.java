package dev.binlogfc.benchmarks;

import java.io.PrintStream;

/**
 * How a fault suite runs as a program: exit 0 when it passed, 1 when it found a problem, 2 when it could not run
 * (Kafka's and Debezium's non-daemon threads would keep the JVM alive otherwise).
 */
final class SuiteProgram {

    /** A suite: prints its progress to {@code out} and returns whether every check passed. */
    @FunctionalInterface
    interface Suite {
        boolean run(PrintStream out) throws Exception;
    }

    private SuiteProgram() {
    }

    static void exitWith(Suite suite) {
        try {
            // Debezium's binlog client logs through java.util.logging; keep it as quiet as the log4j2 side.
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            System.exit(suite.run(System.out) ? 0 : 1);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(2);
        }
    }
}
