package dev.binlogfc.sink.fc.invoke;

import java.time.Instant;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;

/**
 * Where and how a batch is sent: FC 2.0, FC 3.0 or a plain HTTP(S) endpoint. Each target builds the complete,
 * signed request; the invoker, the batching and the retries are the same for all of them.
 */
public interface InvocationTarget extends AutoCloseable {

    /** The request that delivers {@code body}, sent at {@code now}. */
    HttpPost request(byte[] body, Instant now);

    /**
     * A request, sent at {@code now}, whose answer shows that the target is reachable and accepts the credentials;
     * it invokes nothing and delivers no data (DTS's "Test Connectivity").
     */
    HttpUriRequestBase connectivityTestRequest(Instant now);

    /**
     * Called once when the target answered 401 or 403: renews the credentials and returns whether sending the
     * request again with new ones may succeed (temporary credentials may have expired). Fixed credentials: false.
     */
    default boolean renewCredentials() {
        return false;
    }

    /** Releases what the target holds, e.g. a credential provider's refresh thread. */
    @Override
    default void close() {
    }

    /** What to check when the target rejects the caller (HTTP 401 or 403). */
    String authenticationHint();

    /** What to check when the target does not exist (HTTP 404). */
    String notFoundHint();

    /** The settings that name the target's address, for TLS failures. */
    String addressHint();
}
