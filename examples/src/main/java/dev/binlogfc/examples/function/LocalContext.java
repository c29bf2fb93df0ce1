package dev.binlogfc.examples.function;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;
import java.io.PrintStream;

/**
 * The invocation context a handler sees when {@link FunctionRunner} runs it on this machine: the request id of the
 * invocation and a logger that prints to a stream. There is no FC service around it, so it has no execution
 * credentials, function or service description and no tracing (null), and no retries yet (0).
 */
final class LocalContext implements Context {
    private final String requestId;
    private final FunctionComputeLogger logger;

    LocalContext(String requestId, PrintStream log) {
        this.requestId = requestId;
        this.logger = new StreamLogger(requestId, log);
    }

    @Override
    public String getRequestId() {
        return requestId;
    }

    @Override
    public Credentials getExecutionCredentials() {
        return null;
    }

    @Override
    public FunctionParam getFunctionParam() {
        return null;
    }

    @Override
    public Service getService() {
        return null;
    }

    @Override
    public FunctionComputeLogger getLogger() {
        return logger;
    }

    @Override
    public OpenTracing getTracing() {
        return null;
    }

    @Override
    public int getRetryCount() {
        return 0;
    }

    /** FC's logger interface over a stream, with the request id on each line as FC's own logger writes it. */
    private static final class StreamLogger implements FunctionComputeLogger {
        private final String requestId;
        private final PrintStream out;
        private Level level = Level.INFO;

        StreamLogger(String requestId, PrintStream out) {
            this.requestId = requestId;
            this.out = out;
        }

        @Override
        public void trace(String message) {
            log(Level.TRACE, message);
        }

        @Override
        public void debug(String message) {
            log(Level.DEBUG, message);
        }

        @Override
        public void info(String message) {
            log(Level.INFO, message);
        }

        @Override
        public void warn(String message) {
            log(Level.WARN, message);
        }

        @Override
        public void error(String message) {
            log(Level.ERROR, message);
        }

        @Override
        public void fatal(String message) {
            log(Level.FATAL, message);
        }

        @Override
        public void setLogLevel(Level level) {
            this.level = level;
        }

        private void log(Level messageLevel, String message) {
            if (messageLevel.compareTo(level) >= 0) {
                out.printf("%s [%s] %s%n", requestId, messageLevel, message);
            }
        }
    }
}
