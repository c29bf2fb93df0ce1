package dev.binlogfc.sink.fc.net;

/**
 * An HTTP proxy set for the connector ({@code host} null: none set, the JVM's proxy settings apply), with optional
 * Basic credentials; the password is never shown.
 */
public record ProxySettings(String host, int port, String username, String password) {

    public static final ProxySettings JVM = new ProxySettings(null, 0, null, null);

    public boolean explicit() {
        return host != null;
    }

    @Override
    public String toString() {
        return explicit() ? "proxy " + host + ":" + port + (username == null ? "" : " as " + username)
            : "the JVM's proxy settings";
    }
}
