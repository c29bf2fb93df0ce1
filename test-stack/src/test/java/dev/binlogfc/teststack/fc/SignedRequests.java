package dev.binlogfc.teststack.fc;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds java.net.http invocation requests signed like an FC SDK signs them, with knobs to get them wrong. */
final class SignedRequests {

    static final DateTimeFormatter HTTP_DATE =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String baseUrl;
    private String accessKeyId;
    private String accessKeySecret;
    private String path;
    private String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    private final Map<String, String> fcHeaders = new LinkedHashMap<>();
    private final Map<String, String> headersAddedAfterSigning = new LinkedHashMap<>();

    SignedRequests(String baseUrl, String accessKeyId, String accessKeySecret, String service, String function) {
        this.baseUrl = baseUrl;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.path = "/2016-08-15/services/" + service + "/functions/" + function + "/invocations";
        fcHeaders.put("x-fc-invocation-type", "Sync");
        fcHeaders.put("x-fc-log-type", "None");
    }

    SignedRequests path(String path) {
        this.path = path;
        return this;
    }

    SignedRequests accessKey(String id, String secret) {
        this.accessKeyId = id;
        this.accessKeySecret = secret;
        return this;
    }

    SignedRequests date(ZonedDateTime date) {
        this.date = HTTP_DATE.format(date);
        return this;
    }

    SignedRequests fcHeader(String name, String value) {
        fcHeaders.put(name, value);
        return this;
    }

    /** A header sent but not covered by the signature, to model tampering in transit. */
    SignedRequests addedAfterSigning(String name, String value) {
        headersAddedAfterSigning.put(name, value);
        return this;
    }

    HttpRequest post(String body) {
        return request("POST", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET of the path, e.g. GetFunction, signed as FC's SDKs sign it: with Content-Type, without Content-MD5. */
    HttpRequest get() {
        return request("GET", null);
    }

    private HttpRequest request(String method, byte[] body) {
        Map<String, List<String>> signed = new LinkedHashMap<>();
        signed.put("Content-Type", List.of("application/json"));
        if (body != null) {
            signed.put("Content-MD5", List.of(md5(body)));
        }
        if (date != null) {
            signed.put("Date", List.of(date));
        }
        fcHeaders.forEach((name, value) -> signed.put(name, List.of(value)));
        String signature = FcSignature.sign(accessKeySecret, FcSignature.stringToSign(method, path, null, signed));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Authorization", "FC " + accessKeyId + ":" + signature);
        signed.forEach((name, values) -> request.header(name, values.get(0)));
        headersAddedAfterSigning.forEach(request::setHeader);
        return request.build();
    }

    SignedRequests withoutDate() {
        this.date = null;
        return this;
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
