package dev.binlogfc.sink.fc.invoke;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpOptions;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
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
        addHeaders(post);
        post.setEntity(new ByteArrayEntity(body, RequestBodies.JSON));
        return post;
    }

    /**
     * OPTIONS on the URL with the batches' headers and token: web servers and frameworks answer it themselves,
     * without running the handler that takes the batches, and answer 401 or 403 when the token is wrong.
     */
    @Override
    public HttpOptions connectivityTestRequest(Instant now) {
        HttpOptions options = new HttpOptions(url);
        addHeaders(options);
        return options;
    }

    private void addHeaders(HttpUriRequestBase request) {
        headers.forEach(request::setHeader);
        if (bearerToken != null) {
            request.setHeader("Authorization", "Bearer " + bearerToken);
        }
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
