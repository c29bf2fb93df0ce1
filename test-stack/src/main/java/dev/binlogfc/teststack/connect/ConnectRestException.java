package dev.binlogfc.teststack.connect;

/** The Connect REST API answered with an error status; carries the status and the response body. */
public final class ConnectRestException extends RuntimeException {

    private final int status;
    private final String body;

    ConnectRestException(String method, String uri, int status, String body) {
        super(method + " " + uri + " returned HTTP " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
