package dev.binlogfc.sink.fc.invoke;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
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
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", RequestBodies.JSON.toString());
        headers.put("Content-MD5", RequestBodies.md5Base64(body));
        headers.put("Date", HTTP_DATE.format(now));
        headers.put("x-fc-invocation-type", function.type().headerValue());
        headers.put("x-fc-log-type", "None");
        if (credentials.securityToken() != null) {
            headers.put("x-fc-security-token", credentials.securityToken());
        }
        headers.put("Authorization", signer.authorization("POST", function.invocationPath(), headers));
        HttpPost post = new HttpPost(function.invocationUri());
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, RequestBodies.JSON));
        return post;
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
