package dev.binlogfc.etl.filter;

/** A row filter expression that does not compile, with the position and the reason in the message. */
public final class InvalidRowExpressionException extends IllegalArgumentException {
    public InvalidRowExpressionException(String message) {
        super(message);
    }
}
