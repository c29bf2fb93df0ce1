package dev.binlogfc.source.canal.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * FLOAT and DOUBLE values without a declared scale as MariaDB prints them (its my_gcvt with the wide buffer of
 * Field_float/Field_double::val_str): DOUBLE with the shortest digits that read back as the same double, FLOAT
 * rounded to 6 significant digits (FLT_DIG, half-even on the exact binary value); plain notation while the decimal
 * point lies within 15 places (MAX_DECPT_FOR_F_FORMAT) of the first digit, exponent notation beyond, written without
 * a '+' or leading zeros ({@code 1e100}, {@code 1.5e-20}); the negative zero as {@code -0}. Learnt by experiment on
 * MariaDB 11.4; {@code FloatingTextTest} pins the server's own output.
 */
final class FloatingText {

    /** MariaDB's MAX_DECPT_FOR_F_FORMAT (DBL_DIG). */
    private static final int MAX_PLAIN_DECPT = 15;
    /** FLT_DIG: MariaDB shows a FLOAT with at most this many significant digits. */
    private static final int FLOAT_DIGITS = 6;
    private static final double FLOAT_DIGITS_LOW = 1e5;
    private static final double FLOAT_DIGITS_HIGH = 1e6;
    /** A scaled FLOAT this close to a half is rounded exactly, as the scaling itself is off by up to ~1e-9. */
    private static final double NEAR_HALF = 1e-6;
    private static final MathContext SIX_DIGITS = new MathContext(FLOAT_DIGITS, RoundingMode.HALF_EVEN);
    /** Room for Double.toString's digits, which before JDK 19 can be more than the 17 a double needs. */
    private static final int BUFFER = 32;
    /**
     * Since JDK 19 Double.toString gives the shortest digits (JDK-4511638) except that it writes two digits where one
     * would do; before, it sometimes writes more digits than needed, so every value is checked for a shorter form.
     */
    private static final boolean SHORTEST_TO_STRING = Runtime.version().feature() >= 19;
    private static final double[] POWERS_OF_TEN = new double[60];

    static {
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = Double.parseDouble("1e" + i);
        }
    }

    private FloatingText() {
    }

    static String ofDouble(double value) {
        if (value == 0) {
            return zero(value);
        }
        double magnitude = Math.abs(value);
        Digits digits = Digits.of(Double.toString(magnitude));
        while (digits.length > 1 && (!SHORTEST_TO_STRING || digits.length == 2)) {
            Digits shorter = digits.roundedToOneLess();
            if (Double.parseDouble(shorter.scientific()) != magnitude) {
                break;
            }
            digits = shorter;
        }
        return digits.layout(value < 0);
    }

    /** @param value a FLOAT's value, widened exactly to double */
    static String ofFloat(double value) {
        if (value == 0) {
            return zero(value);
        }
        double magnitude = Math.abs(value);
        int exponent = (int) Math.floor(Math.log10(magnitude));
        double scaled = scaled(magnitude, FLOAT_DIGITS - 1 - exponent);
        if (scaled < FLOAT_DIGITS_LOW) {
            exponent--;
            scaled = scaled(magnitude, FLOAT_DIGITS - 1 - exponent);
        } else if (scaled >= FLOAT_DIGITS_HIGH) {
            exponent++;
            scaled = scaled(magnitude, FLOAT_DIGITS - 1 - exponent);
        }
        double whole = Math.floor(scaled);
        double fraction = scaled - whole;
        long six = Math.abs(fraction - 0.5) < NEAR_HALF
                ? new BigDecimal(magnitude).round(SIX_DIGITS).scaleByPowerOfTen(FLOAT_DIGITS - 1 - exponent).longValue()
                : (long) whole + (fraction > 0.5 ? 1 : 0);
        if (six == (long) FLOAT_DIGITS_HIGH) {
            six /= 10;
            exponent++;
        }
        return Digits.of(six, exponent + 1).layout(value < 0);
    }

    private static String zero(double value) {
        return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
    }

    /** value * 10^power, within a few ulps (powers beyond 10^22 are not exact doubles). */
    private static double scaled(double value, int power) {
        return power >= 0 ? value * POWERS_OF_TEN[power] : value / POWERS_OF_TEN[-power];
    }

    /** Significant digits d1 d2 ... without trailing zeros, and the decimal point's place: 0.d1d2... x 10^decpt. */
    private static final class Digits {

        private final char[] chars;
        private final int length;
        private final int decpt;

        private Digits(char[] chars, int length, int decpt) {
            int significant = length;
            while (significant > 1 && chars[significant - 1] == '0') {
                significant--;
            }
            this.chars = chars;
            this.length = significant;
            this.decpt = decpt;
        }

        static Digits of(long digits, int decpt) {
            char[] chars = Long.toString(digits).toCharArray();
            return new Digits(chars, chars.length, decpt);
        }

        /** Reads Double.toString's positive output: "123.45", "0.00123" or "1.2345E-5". */
        static Digits of(String text) {
            int exponent = text.indexOf('E');
            int end = exponent < 0 ? text.length() : exponent;
            int dot = text.indexOf('.');
            char[] chars = new char[BUFFER];
            int length = 0;
            int first = 0;
            for (int at = 0; at < end; at++) {
                char c = text.charAt(at);
                if (c == '.' || length == 0 && c == '0') {
                    continue;
                }
                if (length == 0) {
                    first = at;
                }
                chars[length++] = c;
            }
            int decpt = first < dot ? dot - first : dot - first + 1;
            if (exponent >= 0) {
                decpt += Integer.parseInt(text, exponent + 1, text.length(), 10);
            }
            return new Digits(chars, length, decpt);
        }

        /** Rounded half up to one digit less, which may carry into a new leading digit. */
        Digits roundedToOneLess() {
            char[] rounded = Arrays.copyOf(chars, chars.length);
            int kept = length - 1;
            int newDecpt = decpt;
            if (rounded[kept] >= '5') {
                int at = kept - 1;
                while (at >= 0 && rounded[at] == '9') {
                    rounded[at--] = '0';
                }
                if (at < 0) {
                    rounded[0] = '1';
                    kept = 1;
                    newDecpt++;
                } else {
                    rounded[at]++;
                }
            }
            return new Digits(rounded, kept, newDecpt);
        }

        /** d.ddddE(decpt-1), which Double.parseDouble reads. */
        String scientific() {
            return new StringBuilder(length + 8).append(chars, 0, 1).append('.').append(chars, 1, length - 1)
                    .append('0').append('E').append(decpt - 1).toString();
        }

        String layout(boolean negative) {
            StringBuilder text = new StringBuilder(length + 24);
            if (negative) {
                text.append('-');
            }
            if (decpt > -MAX_PLAIN_DECPT && (decpt <= MAX_PLAIN_DECPT || length > decpt)) {
                if (decpt <= 0) {
                    text.append("0.");
                    appendZeros(text, -decpt).append(chars, 0, length);
                } else if (decpt < length) {
                    text.append(chars, 0, decpt).append('.').append(chars, decpt, length - decpt);
                } else {
                    appendZeros(text.append(chars, 0, length), decpt - length);
                }
                return text.toString();
            }
            text.append(chars[0]);
            if (length > 1) {
                text.append('.').append(chars, 1, length - 1);
            }
            return text.append('e').append(decpt - 1).toString();
        }

        private static StringBuilder appendZeros(StringBuilder text, int count) {
            for (int i = 0; i < count; i++) {
                text.append('0');
            }
            return text;
        }
    }
}
