package dev.binlogfc.source.canal.format;

import dev.binlogfc.common.config.EnumeratedSetting;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** How the bytes of binary columns (BINARY, VARBINARY, BLOB, spatial types) become the text of a Canal value. */
public enum BinaryEncoding implements EnumeratedSetting {
    /** Each byte as the character with that code (ISO-8859-1), which is what Canal itself emits; lossless. */
    ISO_8859_1 {
        @Override
        String encode(byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    },
    /** Standard Base64 with padding (RFC 4648). */
    BASE64 {
        @Override
        String encode(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    },
    /** Upper-case hexadecimal digits, two per byte, as MySQL's HEX() shows them. */
    HEX {
        @Override
        String encode(byte[] bytes) {
            return HexFormat.of().withUpperCase().formatHex(bytes);
        }
    };

    abstract String encode(byte[] bytes);
}
