package dev.binlogfc.sink.fc.invoke;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.hc.core5.http.ContentType;

/** The content types and digests of the request bodies the targets send. */
final class RequestBodies {

    static final ContentType JSON = ContentType.create("application/json");
    /** What Alibaba's FC SDKs declare for an InvokeFunction body, whatever it holds. */
    static final ContentType OCTET_STREAM = ContentType.create("application/octet-stream");

    private RequestBodies() {
    }

    static String md5Base64(byte[] body) {
        return Base64.getEncoder().encodeToString(digest("MD5", body));
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("SHA-256", data));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}
