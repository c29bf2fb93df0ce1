package dev.binlogfc.sink.fc.invoke;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/** An FC 2.0 function (the DTS target): InvokeFunction signed with FC's own "FC keyId:signature" scheme. */
public final class Fc2Target implements InvocationTarget {

    private static final DateTimeFormatter HTTP_DATE =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final FcFunction function;
    private final FcCredentials credentials;
    private final FcRequestSigner signer;

    public Fc2Target(FcFunction function, FcCredentials credentials) {
        this.function = function;
        this.credentials = credentials;
        this.signer = new FcRequestSigner(credentials);
    }

    @Override
    public HttpPost request(byte[] body, Instant now) {
        HttpPost post = new HttpPost(function.invocationUri());
        Map<String, String> headers = commonHeaders(now);
        headers.put("Content-MD5", RequestBodies.md5Base64(body));
        headers.put("x-fc-invocation-type", function.type().headerValue());
        headers.put("x-fc-log-type", "None");
        sign(post, function.invocationPath(), headers);
        post.setEntity(new ByteArrayEntity(body, RequestBodies.JSON));
        return post;
    }

    /**
     * GetFunction of the function under its qualifier: it fails like InvokeFunction on credentials, service,
     * qualifier and function, but only reads the function's configuration. Signed as FC's SDKs sign it, with
     * Content-Type and without Content-MD5.
     */
    @Override
    public HttpGet connectivityTestRequest(Instant now) {
        HttpGet get = new HttpGet(function.uri(function.functionPath()));
        sign(get, function.functionPath(), commonHeaders(now));
        return get;
    }

    private Map<String, String> commonHeaders(Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", RequestBodies.JSON.toString());
        headers.put("Date", HTTP_DATE.format(now));
        if (credentials.securityToken() != null) {
            headers.put("x-fc-security-token", credentials.securityToken());
        }
        return headers;
    }

    private void sign(HttpUriRequestBase request, String path, Map<String, String> headers) {
        headers.put("Authorization", signer.authorization(request.getMethod(), path, headers));
        headers.forEach(request::setHeader);
    }

    @Override
    public String authenticationHint() {
        return "check fc.access.key.id, fc.access.key.secret and fc.security.token, that this AccessKey may"
            + " invoke the function, and that the Connect worker's clock is right";
    }

    @Override
    public String notFoundHint() {
        return "check fc.endpoint (account id and region), fc.service.name, fc.qualifier and fc.function.name";
    }

    @Override
    public String addressHint() {
        return "check fc.endpoint and the JVM's trust store";
    }

    @Override
    public String toString() {
        return function.toString();
    }
}
