package dev.binlogfc.sink.fc.invoke;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs FC 2.0 API requests. The string to sign is the method, Content-MD5, Content-Type and Date values, each
 * followed by a newline, then every {@code x-fc-} header as {@code lower-case-name:value} plus newline in name
 * order, then the unescaped path; the signature is the Base64 HMAC-SHA256 of it under the AccessKey secret and is
 * sent as {@code Authorization: FC <accessKeyId>:<signature>}. InvokeFunction and GetFunction requests carry no
 * query, so none is signed.
 */
final class FcRequestSigner {

    private static final String FC_HEADER_PREFIX = "x-fc-";

    private FcRequestSigner() {
    }

    /** The Authorization header value for a request with these headers, signed with {@code credentials}. */
    static String authorization(FcCredentials credentials, String method, String path, Map<String, String> headers) {
        return "FC " + credentials.accessKeyId() + ":" + sign(credentials, stringToSign(method, path, headers));
    }

    static String stringToSign(String method, String path, Map<String, String> headers) {
        Map<String, String> byLowerCaseName = new TreeMap<>();
        headers.forEach((name, value) -> byLowerCaseName.put(name.toLowerCase(Locale.ROOT), value));
        StringBuilder text = new StringBuilder(method).append('\n')
            .append(byLowerCaseName.getOrDefault("content-md5", "")).append('\n')
            .append(byLowerCaseName.getOrDefault("content-type", "")).append('\n')
            .append(byLowerCaseName.getOrDefault("date", "")).append('\n');
        byLowerCaseName.forEach((name, value) -> {
            if (name.startsWith(FC_HEADER_PREFIX)) {
                text.append(name).append(':').append(value).append('\n');
            }
        });
        return text.append(path).toString();
    }

    private static String sign(FcCredentials credentials, String stringToSign) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(credentials.accessKeySecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
