package dev.binlogfc.sink.fc.invoke;

import java.net.URI;

/** The FC 2.0 function the sink invokes, and how. */
public record FcFunction(URI endpoint, String service, String qualifier, String function, InvocationType type) {

    private static final String API_VERSION = "2016-08-15";

    /**
     * The function under its qualifier, the GetFunction path; names are restricted by configuration to characters
     * that need no escaping.
     */
    public String functionPath() {
        return "/" + API_VERSION + "/services/" + service + "." + qualifier + "/functions/" + function;
    }

    /** The InvokeFunction path. */
    public String invocationPath() {
        return functionPath() + "/invocations";
    }

    public URI invocationUri() {
        return uri(invocationPath());
    }

    /** {@code path} on the endpoint. */
    URI uri(String path) {
        String base = endpoint.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    @Override
    public String toString() {
        return "FC function " + service + "." + qualifier + "/" + function + " at " + endpoint + " (" + type.headerValue()
            + ")";
    }
}
