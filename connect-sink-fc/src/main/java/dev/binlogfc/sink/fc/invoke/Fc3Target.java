package dev.binlogfc.sink.fc.invoke;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * An FC 3.0 function: {@code POST /2023-03-30/functions/{name}/invocations?qualifier=...}, signed with Alibaba
 * Cloud's signature V3 and with the headers Alibaba's FC 3.0 SDK (fc20230330 on tea-openapi) sends: Accept, an
 * MD5-hex signature nonce, an octet-stream body, and with STS credentials x-acs-accesskey-id beside
 * x-acs-security-token. FC 3.0 has no services; versions and aliases belong to the function.
 */
public final class Fc3Target extends FcTarget {

    static final String API_VERSION = "2023-03-30";
    private static final DateTimeFormatter ISO_SECONDS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final String function;
    private final String qualifier;
    private final InvocationType type;

    public Fc3Target(URI endpoint, String function, String qualifier, InvocationType type,
                     CredentialSource credentials) {
        super(credentials);
        this.endpoint = endpoint;
        this.function = function;
        this.qualifier = qualifier;
        this.type = type;
    }
    /** The GetFunction path; function names are restricted by configuration to characters needing no escape. */
    String functionPath() {
        return "/" + API_VERSION + "/functions/" + function;
    }

    String invocationPath() {
        return functionPath() + "/invocations";
    }

    @Override
    public HttpPost request(byte[] body, Instant now) {
        HttpPost post = new HttpPost(uri(invocationPath()));
        sign(post, "InvokeFunction", invocationPath(), body, now);
        post.setHeader("x-fc-invocation-type", type.headerValue());
        post.setHeader("x-fc-log-type", "None");
        post.setEntity(new ByteArrayEntity(body, RequestBodies.OCTET_STREAM));
        return post;
    }

    /**
     * GetFunction of the function's qualifier: it fails like InvokeFunction on credentials, function and
     * qualifier, but only reads the function's configuration.
     */
    @Override
    public HttpGet connectivityTestRequest(Instant now) {
        HttpGet get = new HttpGet(uri(functionPath()));
        sign(get, "GetFunction", functionPath(), new byte[0], now);
        return get;
    }

    private URI uri(String path) {
        return endpoint.resolve(path + "?qualifier=" + Acs3RequestSigner.percentEncode(qualifier));
    }

    /** Signs {@code action} on {@code path} with the qualifier as query; a body makes it an octet-stream request. */
    private void sign(HttpUriRequestBase request, String action, String path, byte[] body, Instant now) {
        FcCredentials signing = credentials();
        SortedMap<String, String> signed = new TreeMap<>();
        signed.put("host", endpoint.getPort() == -1 ? endpoint.getHost()
            : endpoint.getHost() + ":" + endpoint.getPort());
        if (body.length > 0) {
            signed.put("content-type", RequestBodies.OCTET_STREAM.toString());
        }
        signed.put("x-acs-action", action);
        signed.put("x-acs-version", API_VERSION);
        signed.put("x-acs-date", ISO_SECONDS.format(now));
        signed.put("x-acs-signature-nonce", SignatureNonce.next());
        String payloadHash = RequestBodies.sha256Hex(body);
        signed.put("x-acs-content-sha256", payloadHash);
        if (signing.securityToken() != null) {
            signed.put("x-acs-accesskey-id", signing.accessKeyId());
            signed.put("x-acs-security-token", signing.securityToken());
        }
        SortedMap<String, String> query = new TreeMap<>();
        query.put("qualifier", qualifier);
        signed.forEach(request::setHeader);
        request.setHeader("Accept", RequestBodies.JSON.toString());
        request.setHeader("Authorization",
            Acs3RequestSigner.authorization(signing, request.getMethod(), path, query, signed, payloadHash));
    }

    @Override
    public String notFoundHint() {
        return "check fc.endpoint (account id and region), fc.function.name and fc.qualifier";
    }

    @Override
    public String toString() {
        return "FC 3.0 function " + function + " (qualifier " + qualifier + ") at " + endpoint + " ("
            + type.headerValue() + ")";
    }
}
