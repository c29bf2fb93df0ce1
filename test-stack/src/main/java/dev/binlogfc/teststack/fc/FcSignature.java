package dev.binlogfc.teststack.fc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Function Compute 2.0 request signature, computed the way the FC service checks it.
 *
 * <p>String to sign: {@code METHOD \n content-md5 \n content-type \n date \n} followed by every
 * {@code x-fc-*} header as {@code lower-case-name:value\n} sorted by name, followed by the canonical
 * resource: the unescaped path, and when the request has a query, {@code \n} and its decoded
 * {@code key=value} pairs sorted and joined by {@code \n}. The signature is the Base64 HMAC-SHA256 of that
 * string keyed with the AccessKey secret; requests carry it as {@code Authorization: FC <keyId>:<signature>}.
 * (As in aliyun/fc-java-sdk FcSignatureComposer, fc-python-sdk fc2/auth.py, fc-nodejs-sdk lib/helper.js.)
 */
public final class FcSignature {

    private static final String HEADER_PREFIX = "x-fc-";

    private FcSignature() {
    }

    /** The string FC signs for a request; {@code headers} names are matched case-insensitively. */
    public static String stringToSign(String method, String path, String rawQuery, Map<String, List<String>> headers) {
        Map<String, String> lowerCaseHeaders = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                lowerCaseHeaders.put(name.toLowerCase(Locale.ROOT).trim(), values.get(0));
            }
        });
        StringBuilder text = new StringBuilder()
            .append(method.toUpperCase(Locale.ROOT)).append('\n')
            .append(lowerCaseHeaders.getOrDefault("content-md5", "")).append('\n')
            .append(lowerCaseHeaders.getOrDefault("content-type", "")).append('\n')
            .append(lowerCaseHeaders.getOrDefault("date", "")).append('\n');
        lowerCaseHeaders.forEach((name, value) -> {
            if (name.startsWith(HEADER_PREFIX)) {
                text.append(name).append(':').append(value).append('\n');
            }
        });
        return text.append(canonicalResource(path, rawQuery)).toString();
    }

    /** Base64 HMAC-SHA256 of {@code stringToSign} with {@code accessKeySecret}. */
    public static String sign(String accessKeySecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String canonicalResource(String path, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return path;
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                pairs.add(URLDecoder.decode(pair, StandardCharsets.UTF_8));
            }
        }
        pairs.sort(null);
        return path + "\n" + String.join("\n", pairs);
    }
}
