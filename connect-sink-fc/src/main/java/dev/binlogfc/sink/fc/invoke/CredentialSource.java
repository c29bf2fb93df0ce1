package dev.binlogfc.sink.fc.invoke;

/**
 * Where the AccessKey that signs FC requests comes from. Temporary (STS) credentials expire: a source that fetches
 * them renews them before they do, and at once when FC rejected the ones it handed out.
 */
public interface CredentialSource extends AutoCloseable {

    /**
     * The credentials to sign the next request with.
     *
     * @throws CredentialsUnavailableException when they could not be obtained (STS, the metadata service or the
     *     credentials URI did not answer or refused)
     */
    FcCredentials current();

    /**
     * Called when FC rejected a request (HTTP 401 or 403): drops the credentials in hand so that the next
     * {@link #current()} fetches new ones. Returns whether that can help, i.e. whether the source fetches its
     * credentials rather than holding fixed ones.
     */
    boolean renew();

    @Override
    void close();

    /** Credentials given in the configuration, which nothing renews. */
    static CredentialSource fixed(FcCredentials credentials) {
        return new CredentialSource() {
            @Override
            public FcCredentials current() {
                return credentials;
            }

            @Override
            public boolean renew() {
                return false;
            }

            @Override
            public void close() {
            }

            @Override
            public String toString() {
                return credentials.toString();
            }
        };
    }
}
