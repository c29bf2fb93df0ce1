package dev.binlogfc.source.canal.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

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
        String text = Double.toString(value);
        Digits digits = Digits.of(text, value < 0 ? 1 : 0);
        Digits shortest = digits.shortest(Math.abs(value));
        if (shortest == digits && text.indexOf('E') < 0) {
            // Java writes 1e-3 <= |value| < 1e7 in plain notation, as MariaDB does, but with a lone ".0" for a whole.
            return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        }
        return shortest.layout(value < 0);
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

    /**
     * Significant digits without trailing zeros as a number, their count, and the decimal point's place: the value is
     * 0.d1d2... x 10^decpt.
     */
    private static final class Digits {

        /** Below 2^53 a long converts to double exactly. */
        private static final long EXACT_IN_DOUBLE = 1L << 53;
        private static final long[] LONG_POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
            10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
            100_000_000_000_000_000L, 1_000_000_000_000_000_000L};
        /** 10^22 is the largest power of ten a double holds exactly. */
        private static final int EXACT_POWER = 22;

        private final long significand;
        private final int length;
        private final int decpt;

        private Digits(long significand, int length, int decpt) {
            long rest = significand;
            int count = length;
            while (count > 1 && rest % 10 == 0) {
                rest /= 10;
                count--;
            }
            this.significand = rest;
            this.length = count;
            this.decpt = decpt;
        }

        static Digits of(long significand, int decpt) {
            return new Digits(significand, Long.toString(significand).length(), decpt);
        }

        /**
         * Reads Double.toString's output from {@code from} on, past the sign ("123.45", "0.00123" or "1.2345E-5"),
         * whose at most 18 significant digits fit a long.
         */
        static Digits of(String text, int from) {
            int exponent = text.indexOf('E');
            int end = exponent < 0 ? text.length() : exponent;
            int dot = text.indexOf('.');
            long significand = 0;
            int length = 0;
            int first = from;
            for (int at = from; at < end; at++) {
                char c = text.charAt(at);
                if (c == '.' || length == 0 && c == '0') {
                    continue;
                }
                if (length == 0) {
                    first = at;
                }
                significand = significand * 10 + (c - '0');
                length++;
            }
            int decpt = first < dot ? dot - first : dot - first + 1;
            if (exponent >= 0) {
                decpt += Integer.parseInt(text, exponent + 1, text.length(), 10);
            }
            return new Digits(significand, length, decpt);
        }

        /** These digits, or fewer where fewer still read back as {@code magnitude} (this object when none do). */
        Digits shortest(double magnitude) {
            Digits digits = this;
            while (digits.length > 1 && (!SHORTEST_TO_STRING || digits.length == 2)) {
                Digits shorter = digits.roundedToOneLess();
                if (shorter.value() != magnitude) {
                    break;
                }
                digits = shorter;
            }
            return digits;
        }

        /** Rounded half up to one digit less; a carry (9.5 to 10) adds a place before the point. */
        Digits roundedToOneLess() {
            long kept = significand / 10 + (significand % 10 >= 5 ? 1 : 0);
            int keptLength = length - 1;
            return kept == LONG_POWERS_OF_TEN[keptLength] ? new Digits(kept, keptLength + 1, decpt + 1)
                    : new Digits(kept, keptLength, decpt);
        }

        /** The double nearest to these digits: by one exact multiplication where it can be, else by parsing. */
        double value() {
            int power = decpt - length;
            if (significand < EXACT_IN_DOUBLE && Math.abs(power) <= EXACT_POWER) {
                return power >= 0 ? significand * POWERS_OF_TEN[power] : significand / POWERS_OF_TEN[-power];
            }
            return Double.parseDouble(significand + "E" + power);
        }

        String layout(boolean negative) {
            String digits = Long.toString(significand);
            StringBuilder text = new StringBuilder(length + 24);
            if (negative) {
                text.append('-');
            }
            if (decpt > -MAX_PLAIN_DECPT && (decpt <= MAX_PLAIN_DECPT || length > decpt)) {
                if (decpt <= 0) {
                    appendZeros(text.append("0."), -decpt).append(digits);
                } else if (decpt < length) {
                    text.append(digits, 0, decpt).append('.').append(digits, decpt, length);
                } else {
                    appendZeros(text.append(digits), decpt - length);
                }
                return text.toString();
            }
            text.append(digits.charAt(0));
            if (length > 1) {
                text.append('.').append(digits, 1, length);
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
