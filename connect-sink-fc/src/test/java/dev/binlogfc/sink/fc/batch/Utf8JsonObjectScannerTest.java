package dev.binlogfc.sink.fc.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast scanner against Jackson, the reference: on text it calls valid, Jackson must find the same layout; on
 * UTF-8 text without escapes or long integers (what it hands to Jackson on purpose) it must call valid exactly what
 * Jackson accepts. Random objects and random mutations of them, from fixed seeds.
 */
class Utf8JsonObjectScannerTest {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** A Canal UPDATE of a 10-column row, as the Canal SMT writes it (BENCHMARKS.md's benchmark table). */
    static final byte[] CANAL_UPDATE = canalUpdate();

    private final Utf8JsonObjectScanner scanner = new Utf8JsonObjectScanner(FACTORY.streamReadConstraints());

    @Test
    void laysOutACanalRecordAsJacksonDoes() throws IOException {
        byte[] text = CANAL_UPDATE.clone();
        RowLayout layout = assertAgreesWithJackson(text, true);

        assertThat(layout.type).isEqualTo("UPDATE");
        assertThat(layout.database).isEqualTo("shop");
        assertThat(layout.table).isEqualTo("customers");
        assertThat(layout.sourceTimeMillis).isEqualTo(1_767_225_600_000L);
        assertThat(new String(text, layout.tsStart, layout.tsEnd - layout.tsStart, StandardCharsets.UTF_8))
            .isEqualTo("1767225600123");
    }

    @Test
    void agreesWithJacksonOnRandomObjects() throws IOException {
        SplittableRandom random = new SplittableRandom(20261125);
        for (int n = 0; n < 3_000; n++) {
            String object = new RandomJson(random, false).object(0);
            assertAgreesWithJackson(utf8(object), true);
        }
    }

    @Test
    void agreesWithJacksonOnMutatedText() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        int valid = 0;
        for (int n = 0; n < 30_000; n++) {
            byte[] text = n % 3 == 0 ? CANAL_UPDATE.clone() : utf8(new RandomJson(random, false).object(0));
            byte[] mutated = mutate(text, random);
            boolean escaped = new String(mutated, StandardCharsets.ISO_8859_1).indexOf('\\') >= 0;
            if (assertAgreesWithJackson(mutated, !escaped) != null) {
                valid++;
            }
        }
        // Both kinds must be well represented for the agreement to mean something.
        assertThat(valid).isBetween(3_000, 27_000);
    }

    @Test
    void handsEscapesToJacksonAndAgreesOnWhatItLaysOut() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 10_000; n++) {
            byte[] text = utf8(new RandomJson(random, true).object(0));
            assertAgreesWithJackson(n % 2 == 0 ? text : mutate(text, random), false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":\"\\u00e9\\n\\\"\"}", "{\"a\":[1,-0,0.5,-1.5e-3,2E+8,1e9]}", "{\"a\":{\"b\":{}},\"c\":[[],[{}]]}",
        " \t\r\n{ \"ts\" : true , \"x\" : null }\n", "{\"a\":{\"\\u0000\":\"\\uD834\\uDD1E\"}}", "{\"a\":\"\u007f\"}",
    })
    void callsValidTextValid(String json) throws IOException {
        assertThat(scanner.scan(utf8(json), new RowLayout())).isEqualTo(Utf8JsonObjectScanner.VALID);
        assertAgreesWithJackson(utf8(json), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":NaN}",
        "{\"a\":tru}", "{\"a\":truex}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"tab\there\"}",
        "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":[1,]}", "{\"a\":1}}", "{\"a\":1} x", "{'a':1}", "{a:1}",
        "{\"a\":1 /* c */}", "[{}]", "",
    })
    void handsInvalidTextToJackson(String json) {
        assertThat(scanner.scan(utf8(json), new RowLayout())).isEqualTo(Utf8JsonObjectScanner.UNSURE);
        assertThatThrownBy(() -> JsonRow.scanWithJackson(utf8(json), FACTORY)).isInstanceOf(IOException.class);
    }

    @Test
    void rejectsBytesThatAreNotUtf8EvenWhereJacksonAcceptsThem() {
        byte[][] notUtf8 = {
            {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // UTF-16 surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80},
            {(byte) 0xC3},
        };
        for (byte[] bad : notUtf8) {
            byte[] text = concat(utf8("{\"a\":\"x"), bad, utf8("y\",\"ts\":1}"));
            assertThat(scanner.scan(text, new RowLayout())).isEqualTo(Utf8JsonObjectScanner.BAD_UTF8);
            assertThat(scanner.badUtf8At()).isEqualTo(7);
            assertThatThrownBy(() -> new JsonRow.Scanner(FACTORY).scan(text)).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("offset 7 is not UTF-8 JSON text");
        }
    }

    @Test
    void rejectsTextInOtherEncodingsAndAByteOrderMarkThatJacksonWouldAccept() throws IOException {
        byte[] utf16 = "{\"ts\":1}".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{\"ts\":1}"));
        JsonRow.scanWithJackson(utf16, FACTORY);
        JsonRow.scanWithJackson(withBom, FACTORY);

        for (byte[] text : new byte[][] {utf16, withBom}) {
            assertThatThrownBy(() -> new JsonRow.Scanner(FACTORY).scan(text)).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("is not UTF-8 JSON text");
        }
    }

    @Test
    void nestsAsDeepAsJacksonAllows() throws IOException {
        int limit = FACTORY.streamReadConstraints().getMaxNestingDepth();
        byte[] deepest = utf8("{\"a\":" + "[".repeat(limit - 1) + "]".repeat(limit - 1) + "}");
        byte[] tooDeep = utf8("{\"a\":" + "[".repeat(limit) + "]".repeat(limit) + "}");

        assertThat(scanner.scan(deepest, new RowLayout())).isEqualTo(Utf8JsonObjectScanner.VALID);
        assertThat(scanner.scan(tooDeep, new RowLayout())).isEqualTo(Utf8JsonObjectScanner.UNSURE);
        JsonRow.scanWithJackson(deepest, FACTORY);
        assertThatThrownBy(() -> JsonRow.scanWithJackson(tooDeep, FACTORY)).isInstanceOf(IOException.class);
    }

    @Test
    void readsEscapedNamesAndLongIntegersThroughJackson() throws IOException {
        byte[] text = utf8("{\"t\\u0073\":5,\"typ\\u0065\":\"INS\\u0045RT\",\"es\":12345678901234567890}");

        assertThat(scanner.scan(text, new RowLayout())).isEqualTo(Utf8JsonObjectScanner.UNSURE);
        JsonRow row = new JsonRow.Scanner(FACTORY).scan(text);
        assertThat(row.type()).isEqualTo("INSERT");
        assertThat(row.sourceTimeMillis()).isEqualTo(-1);
        assertThat(row.size(1)).isEqualTo(text.length);
    }

    /**
     * Scans {@code text} with both and checks they agree; returns the layout when the text is a valid row, else
     * null. {@code exact}: the text has no escapes or long integers, so the fast scanner must decide it alone.
     */
    private RowLayout assertAgreesWithJackson(byte[] text, boolean exact) throws IOException {
        String shown = new String(text, StandardCharsets.UTF_8);
        RowLayout fast = new RowLayout();
        int verdict = scanner.scan(text, fast);
        RowLayout reference = jacksonLayout(text);
        if (!isUtf8WithoutNul(text)) {
            assertThat(verdict).as(shown).isNotEqualTo(Utf8JsonObjectScanner.VALID);
            assertThatThrownBy(() -> new JsonRow.Scanner(FACTORY).scan(text)).as(shown).isInstanceOf(IOException.class);
            return null;
        }
        assertThat(verdict).as(shown).isNotEqualTo(Utf8JsonObjectScanner.BAD_UTF8);
        if (verdict == Utf8JsonObjectScanner.VALID) {
            assertThat(reference).as("Jackson's verdict on " + shown).isNotNull();
            assertThat(fast.toString()).as(shown).isEqualTo(String.valueOf(reference));
        } else if (exact) {
            assertThat(reference).as("Jackson's verdict on " + shown).isNull();
        }
        return reference;
    }

    private static RowLayout jacksonLayout(byte[] text) {
        try {
            return JsonRow.scanWithJackson(text, FACTORY);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isUtf8WithoutNul(byte[] text) {
        for (byte b : text) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Replaces, inserts or deletes a few bytes, or cuts the text short. */
    private static byte[] mutate(byte[] text, SplittableRandom random) {
        byte[] alphabet = utf8("{}[]\":,\\ \t\n0123456789-+.eEtrufalsn\"ts\u00e9x");
        byte[] result = text;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && result.length > 0; e++) {
            int at = random.nextInt(result.length);
            byte b = random.nextInt(10) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            switch (random.nextInt(4)) {
                case 0 -> result[at] = b;
                case 1 -> result = concat(Arrays.copyOfRange(result, 0, at), new byte[] {b},
                    Arrays.copyOfRange(result, at, result.length));
                case 2 -> result = concat(Arrays.copyOfRange(result, 0, at), Arrays.copyOfRange(result, at + 1,
                    result.length));
                default -> result = Arrays.copyOfRange(result, 0, at);
            }
        }
        return result;
    }

    static byte[] canalUpdate() {
        try (var in = Utf8JsonObjectScannerTest.class.getResourceAsStream("/rows/canal-update.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Random JSON objects with every kind of value, number form and whitespace, and the fields the sink reads. */
    private static final class RandomJson {

        private static final String[] NAMES = {"ts", "type", "es", "database", "table", "data", "id", "é", "t", ""};
        private static final String[] TEXT = {"", "INSERT", "shop", "a b", "小明", "𝄞", "\u007f", "x".repeat(40)};
        private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\uD834\\uDD1E"};

        private final SplittableRandom random;
        private final boolean escapes;
        private final StringBuilder out = new StringBuilder();

        RandomJson(SplittableRandom random, boolean escapes) {
            this.random = random;
            this.escapes = escapes;
        }

        String object(int depth) {
            out.setLength(0);
            whitespace();
            writeObject(depth);
            whitespace();
            return out.toString();
        }

        private void writeObject(int depth) {
            out.append('{');
            int fields = random.nextInt(depth == 0 ? 8 : 4);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    out.append(',');
                }
                whitespace();
                string(NAMES[random.nextInt(NAMES.length)]);
                whitespace();
                out.append(':');
                whitespace();
                value(depth + 1);
                whitespace();
            }
            out.append('}');
        }

        private void value(int depth) {
            int kind = random.nextInt(depth > 4 ? 6 : 8);
            switch (kind) {
                case 0 -> string(TEXT[random.nextInt(TEXT.length)]);
                case 1 -> out.append(integer(random.nextInt(12)));
                case 2 -> out.append(integer(3)).append('.').append(random.nextInt(1000))
                    .append(random.nextBoolean() ? "e-" + random.nextInt(20) : "");
                case 3 -> out.append(random.nextBoolean() ? "true" : "false");
                case 4 -> out.append("null");
                case 5 -> out.append(random.nextBoolean() ? "0" : "-0.0E+1");
                case 6 -> writeObject(depth);
                default -> {
                    out.append('[');
                    int items = random.nextInt(4);
                    for (int k = 0; k < items; k++) {
                        out.append(k > 0 ? "," : "");
                        whitespace();
                        value(depth + 1);
                    }
                    out.append(']');
                }
            }
        }

        private String integer(int digits) {
            StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "");
            number.append(1 + random.nextInt(9));
            for (int d = 0; d < digits; d++) {
                number.append(random.nextInt(10));
            }
            return number.toString();
        }

        private void string(String text) {
            out.append('"').append(text);
            if (escapes && random.nextInt(3) == 0) {
                out.append(ESCAPES[random.nextInt(ESCAPES.length)]);
            }
            out.append('"');
        }

        private void whitespace() {
            int n = random.nextInt(6) < 4 ? 0 : random.nextInt(3);
            for (int k = 0; k < n; k++) {
                out.append(" \t\n\r".charAt(random.nextInt(4)));
            }
        }
    }
}
