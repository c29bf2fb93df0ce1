package dev.binlogfc.source.canal.golden;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * FLOAT and DOUBLE literals: any bit pattern (so every magnitude, subnormals included), decimals of up to 17 digits
 * with an exponent around the server's switch between plain and exponent notation, and the extremes.
 */
final class FloatingLiterals {

    private FloatingLiterals() {
    }

    static Arbitrary<String> doubles() {
        Arbitrary<Double> anyBits = Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
        Arbitrary<String> random = Arbitraries.oneOf(anyBits.map(FloatingLiterals::literal), decimals(17));
        return RandomValueColumns.withExtremes(random, literal(Double.MAX_VALUE), literal(-Double.MAX_VALUE),
                literal(Double.MIN_VALUE), literal(-Double.MIN_VALUE), literal(Double.MIN_NORMAL), literal(-0.0),
                "0", "1e15", "1e16", "999999999999999", "1234567890123456.7", "1e-14", "1e-15", "1e100", "-1e-10");
    }

    /** Each float written as its exact double, so the server stores exactly that float. */
    static Arbitrary<String> floats() {
        Arbitrary<Float> anyBits = Arbitraries.integers().map(Float::intBitsToFloat).filter(Float::isFinite);
        Arbitrary<String> random = Arbitraries.oneOf(anyBits.map(f -> literal((double) f)),
                decimals(9).map(text -> literal((double) Float.parseFloat(text))));
        return RandomValueColumns.withExtremes(random, literal(Float.MAX_VALUE), literal(-Float.MAX_VALUE),
                literal(Float.MIN_VALUE), literal(Float.MIN_NORMAL), literal(-0.0), "0", "1e15", "1e16", "1e-14",
                "1e-15", "123456789", "1234565");
    }

    /** d.ddd...e±n with up to {@code maxDigits} digits and n within 22 of zero. */
    private static Arbitrary<String> decimals(int maxDigits) {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(maxDigits);
        return Combinators.combine(Arbitraries.of("", "-"), Arbitraries.integers().between(1, 9), digits,
                Arbitraries.integers().between(-22, 22)).as((sign, lead, rest, exponent) ->
                        sign + lead + "." + rest + "e" + exponent);
    }

    /** A double literal (an exponent makes it DOUBLE, not DECIMAL, which also keeps the negative zero). */
    private static String literal(double value) {
        String text = Double.toString(value);
        return text.contains("E") ? text : text + "E0";
    }
}
