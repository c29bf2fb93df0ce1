package dev.binlogfc.source.canal.golden;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Text literals written as hex with a charset introducer, so that quotes, backslashes, control characters and 4-byte
 * characters reach the server exactly as generated.
 */
final class TextLiterals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TextLiterals() {
    }

    /** Unicode text of up to {@code maxLength} characters. */
    static Arbitrary<String> utf8(int maxLength) {
        return strings(maxLength).map(TextLiterals::utf8Literal);
    }

    /** Text that latin1 holds (printable ASCII and U+00A0 to U+00FF, where latin1 and ISO-8859-1 agree). */
    static Arbitrary<String> latin1(int maxLength) {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00A0', '\u00FF').ofMaxLength(maxLength)
                .map(text -> "_latin1 x'" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.ISO_8859_1)) + "'");
    }

    /** ASCII with quotes, backslashes and controls, Latin-1, CJK, Hangul and 4-byte characters (emoji, CJK B). */
    static Arbitrary<String> strings(int maxLength) {
        Arbitrary<String> codePoints = Arbitraries.oneOf(
                Arbitraries.integers().between(0x20, 0x7E), Arbitraries.of(0x00, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x5C),
                Arbitraries.integers().between(0xA0, 0xFF), Arbitraries.integers().between(0x4E00, 0x9FFF),
                Arbitraries.integers().between(0xAC00, 0xD7A3), Arbitraries.integers().between(0x1F300, 0x1F64F),
                Arbitraries.integers().between(0x20000, 0x2A6DF)).map(Character::toString);
        return codePoints.list().ofMaxSize(maxLength).map(parts -> String.join("", parts));
    }

    static String utf8Literal(String text) {
        return "_utf8mb4 x'" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "'";
    }

    /** JSON documents as a client writes them, with unicode strings, numbers, nesting and odd whitespace. */
    static Arbitrary<String> json() {
        Arbitrary<String> strings = strings(12).map(TextLiterals::jsonString);
        Arbitrary<String> numbers = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("1.5", "-0.0", "1e300", "12345678901234567890", "2.5E-7"));
        Arbitrary<String> scalars = Arbitraries.oneOf(strings, numbers, Arbitraries.of("true", "false", "null"));
        Arbitrary<String> arrays = scalars.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
        Arbitrary<String> objects = Combinators.combine(strings.list().ofMaxSize(3), scalars.list().ofSize(3),
                Arbitraries.of(" ", "", "\n  ")).as((keys, values, space) -> IntStream.range(0, keys.size())
                        .mapToObj(i -> space + keys.get(i) + ":" + space + values.get(i))
                        .collect(Collectors.joining(",", "{", "}")));
        return Arbitraries.oneOf(scalars, arrays, objects,
                objects.list().ofMaxSize(2).map(o -> "[" + String.join(",", o) + "]")).map(TextLiterals::utf8Literal);
    }

    private static String jsonString(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
