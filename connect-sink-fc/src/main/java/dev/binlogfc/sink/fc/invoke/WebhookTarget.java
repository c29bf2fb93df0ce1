package dev.binlogfc.sink.fc.invoke;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Any HTTP(S) endpoint that takes the {"Records":[...]} batch as a JSON POST: a webhook, an FC or Lambda function
 * URL, an API gateway. Custom headers and an optional bearer token are sent with every batch.
 */
public final class WebhookTarget implements InvocationTarget {

    private final URI url;
    private final Map<String, String> headers;
    private final String bearerToken;

    /** {@code bearerToken}: sent as {@code Authorization: Bearer <token>}; {@code null} for none. */
    public WebhookTarget(URI url, Map<String, String> headers, String bearerToken) {
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.bearerToken = bearerToken;
    }

    @Override
    public HttpPost request(byte[] body, Instant now) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        if (bearerToken != null) {
            post.setHeader("Authorization", "Bearer " + bearerToken);
        }
        post.setEntity(new ByteArrayEntity(body, RequestBodies.JSON));
        return post;
    }

    @Override
    public String authenticationHint() {
        return "check http.bearer.token and http.headers";
    }

    @Override
    public String notFoundHint() {
        return "check http.url";
    }

    @Override
    public String addressHint() {
        return "check http.url and the JVM's trust store";
    }

    /** The URL without its query, which may carry a key; header values are never shown. */
    @Override
    public String toString() {
        return "HTTP endpoint " + url.getScheme() + "://" + url.getAuthority() + url.getPath();
    }
}
