package dev.binlogfc.sink.fc.invoke;

/** Looks through a failure's chain of causes, where HttpClient wraps the exception that tells what went wrong. */
public final class FailureCauses {

    private FailureCauses() {
    }

    /** Whether {@code failure} or any of its causes is a {@code type}. */
    public static boolean include(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
