package dev.binlogfc.sink.fc.invoke;

/** What FC 2.0 and FC 3.0 targets share: credentials from a {@link CredentialSource}, renewed when FC rejects them. */
abstract class FcTarget implements InvocationTarget {

    private final CredentialSource credentials;

    FcTarget(CredentialSource credentials) {
        this.credentials = credentials;
    }

    FcCredentials credentials() {
        return credentials.current();
    }

    @Override
    public boolean renewCredentials() {
        return credentials.renew();
    }

    @Override
    public void close() {
        credentials.close();
    }

    @Override
    public String authenticationHint() {
        return "check fc.access.key.id, fc.access.key.secret and fc.security.token (or, with another"
            + " fc.credentials.type, the settings it uses), that these credentials may invoke the function, and that"
            + " the Connect worker's clock is right";
    }

    @Override
    public String addressHint() {
        return "check fc.endpoint and the trust store (http.ssl.truststore.location, else the JVM's)";
    }
}
