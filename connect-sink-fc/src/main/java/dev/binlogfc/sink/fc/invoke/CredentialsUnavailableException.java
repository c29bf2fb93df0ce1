package dev.binlogfc.sink.fc.invoke;

/** The credential source could not provide credentials; like a connection failure, it may pass. */
public final class CredentialsUnavailableException extends RuntimeException {

    public CredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
