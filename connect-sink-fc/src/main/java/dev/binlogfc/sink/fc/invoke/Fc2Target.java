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

/**
 * An FC 2.0 function (the DTS target): InvokeFunction signed with FC's own "FC keyId:signature" scheme, with the
 * headers Alibaba's FC 2.0 SDK (aliyun-java-sdk-fc) sends: Accept, the account id, an octet-stream body with its
 * Content-MD5, and the STS token when there is one.
 */
public final class Fc2Target extends FcTarget {

    private static final DateTimeFormatter HTTP_DATE =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final FcFunction function;
    private final String accountId;

    /** {@code accountId}: sent as x-fc-account-id, as the SDK does; {@code null} leaves the header out. */
    public Fc2Target(FcFunction function, String accountId, CredentialSource credentials) {
        super(credentials);
        this.function = function;
        this.accountId = accountId;
    }

    @Override
    public HttpPost request(byte[] body, Instant now) {
        HttpPost post = new HttpPost(function.invocationUri());
        Map<String, String> headers = commonHeaders(RequestBodies.OCTET_STREAM.toString(), now);
        headers.put("Content-MD5", RequestBodies.md5Base64(body));
        headers.put("x-fc-invocation-type", function.type().headerValue());
        headers.put("x-fc-log-type", "None");
        sign(post, function.invocationPath(), headers);
        post.setEntity(new ByteArrayEntity(body, RequestBodies.OCTET_STREAM));
        return post;
    }

    /**
     * GetFunction of the function under its qualifier: it fails like InvokeFunction on credentials, service,
     * qualifier and function, but only reads the function's configuration. Signed as FC's SDKs sign it, with
     * a JSON Content-Type and without Content-MD5.
     */
    @Override
    public HttpGet connectivityTestRequest(Instant now) {
        HttpGet get = new HttpGet(function.uri(function.functionPath()));
        sign(get, function.functionPath(), commonHeaders(RequestBodies.JSON.toString(), now));
        return get;
    }

    private Map<String, String> commonHeaders(String contentType, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", RequestBodies.JSON.toString());
        headers.put("Content-Type", contentType);
        headers.put("Date", HTTP_DATE.format(now));
        if (accountId != null) {
            headers.put("x-fc-account-id", accountId);
        }
        return headers;
    }

    private void sign(HttpUriRequestBase request, String path, Map<String, String> headers) {
        FcCredentials signing = credentials();
        if (signing.securityToken() != null) {
            headers.put("x-fc-security-token", signing.securityToken());
        }
        headers.put("Authorization", FcRequestSigner.authorization(signing, request.getMethod(), path, headers));
        headers.forEach(request::setHeader);
    }

    @Override
    public String notFoundHint() {
        return "check fc.endpoint (account id and region), fc.service.name, fc.qualifier and fc.function.name";
    }

    @Override
    public String toString() {
        return function.toString();
    }
}
