package dev.binlogfc.teststack.fc;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's request signature V3 (ACS3-HMAC-SHA256), used by FC 3.0, computed the way the service checks it.
 *
 * <p>Canonical request: method, the percent-encoded path, the query sorted by name as RFC 3986-encoded
 * {@code name=value} pairs joined by {@code &}, each signed header as {@code lower-case-name:trimmed-value\n} in
 * name order, the signed header names joined by {@code ;}, and the hex SHA-256 of the body, separated by newlines.
 * String to sign: {@code ACS3-HMAC-SHA256\n} plus the hex SHA-256 of the canonical request; the signature is its
 * hex HMAC-SHA256 keyed with the AccessKey secret, sent as
 * {@code Authorization: ACS3-HMAC-SHA256 Credential=<keyId>,SignedHeaders=<names>,Signature=<hex>}.
 * (As documented for Alibaba Cloud OpenAPI "V3 signature" and implemented by its SDKs' openapi-util.)
 */
public final class Acs3Signature {

    public static final String ALGORITHM = "ACS3-HMAC-SHA256";

    private Acs3Signature() {
    }

    /** The canonical request; {@code headers} names are matched case-insensitively. */
    public static String canonicalRequest(String method, String path, String rawQuery,
                                          Map<String, List<String>> headers, List<String> signedHeaders,
                                          String payloadSha256Hex) {
        Map<String, String> lowerCaseHeaders = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                lowerCaseHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0).trim());
            }
        });
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            canonicalHeaders.append(name).append(':').append(lowerCaseHeaders.getOrDefault(name, "")).append('\n');
        }
        return method + "\n" + encode(path).replace("%2F", "/") + "\n" + canonicalQuery(rawQuery) + "\n"
            + canonicalHeaders + "\n" + String.join(";", signedHeaders) + "\n" + payloadSha256Hex;
    }

    public static String stringToSign(String canonicalRequest) {
        return ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String accessKeySecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, String> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            sorted.put(name, value);
        }
        return sorted.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
            .replace("%7E", "~");
    }
}
