package dev.binlogfc.sink.fc.invoke;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The x-acs-signature-nonce of FC 3.0 requests in the form Alibaba's SDKs use (tea-util's getNonce): 32 lower-case
 * hex digits, an MD5's length. Random here, so that no two requests share one within FC's replay window.
 */
final class SignatureNonce {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SignatureNonce() {
    }

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
