package dev.binlogfc.etl.columns;

import dev.binlogfc.common.config.EnumeratedSetting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.UnaryOperator;

/** How {@link MaskColumns} replaces a value. */
public enum MaskMode implements EnumeratedSetting {
    /** The configured fixed text, whatever the value. */
    FIXED,
    /** Lower-case hex SHA-256 of the salt's UTF-8 bytes followed by the value's: equal values stay joinable. */
    HASH,
    /** Every character but the last N replaced by '*', e.g. a phone number's last four digits. */
    KEEP_LAST {
        /** Earlier versions spelt it with '_'. */
        @Override
        public Set<String> deprecatedSpellings() {
            return Set.of("keep_last");
        }
    };

    /** The replacement function for this mode with the given settings. */
    UnaryOperator<String> masker(String fixedValue, String salt, int keepLast) {
        return switch (this) {
            case FIXED -> value -> fixedValue;
            case HASH -> value -> sha256Hex(salt, value);
            case KEEP_LAST -> value -> keepLast(value, keepLast);
        };
    }

    private static String sha256Hex(String salt, String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String keepLast(String value, int keep) {
        // Counted in code points so that a masked multi-byte character never leaves half a surrogate pair behind.
        int length = value.codePointCount(0, value.length());
        int masked = Math.max(0, length - keep);
        return "*".repeat(masked) + value.substring(value.offsetByCodePoints(0, masked));
    }
}
