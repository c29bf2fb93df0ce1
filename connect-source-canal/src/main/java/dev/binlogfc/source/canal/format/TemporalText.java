package dev.binlogfc.source.canal.format;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/** Formats temporal values the way the MySQL text protocol shows DATE, DATETIME/TIMESTAMP and TIME columns. */
final class TemporalText {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int NANO_DIGITS = 9;
    private static final int BINLOG_ZERO_YEAR = 1900;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private TemporalText() {
    }

    /**
     * A YEAR as four digits. YEAR holds 1901 to 2155 and the zero year 0000, which the binlog reader decodes as 1900
     * (its stored byte 0 plus 1900): that year is shown as the zero year.
     */
    static String year(int year) {
        return padded(new StringBuilder(4), year == BINLOG_ZERO_YEAR ? 0 : year, 4).toString();
    }

    /** yyyy-MM-dd. */
    static String date(LocalDate date) {
        return appendDate(new StringBuilder(10), date).toString();
    }

    /** yyyy-MM-dd HH:mm:ss followed by {@code digits} fractional digits (none when 0). */
    static String dateTime(LocalDateTime dateTime, int digits) {
        StringBuilder text = appendDate(new StringBuilder(26), dateTime.toLocalDate()).append(' ');
        padded(text, dateTime.getHour(), 2).append(':');
        padded(text, dateTime.getMinute(), 2).append(':');
        padded(text, dateTime.getSecond(), 2);
        return appendFraction(text, dateTime.getNano(), digits).toString();
    }

    private static StringBuilder appendDate(StringBuilder text, LocalDate date) {
        padded(text, date.getYear(), 4).append('-');
        padded(text, date.getMonthValue(), 2).append('-');
        return padded(text, date.getDayOfMonth(), 2);
    }

    /**
     * Appends a non-negative number with leading zeros to at least {@code width} digits; digit by digit from the
     * right when it fits the width, the common case, which spares a String per date part (and a division by a
     * variable power of ten per digit: a division by the constant 10 compiles to a multiplication).
     */
    private static StringBuilder padded(StringBuilder text, int value, int width) {
        if (value >= 0 && value < POWERS_OF_TEN[width]) {
            int start = text.length();
            text.setLength(start + width);
            int rest = value;
            for (int at = start + width - 1; at >= start; at--) {
                text.setCharAt(at, (char) ('0' + rest % 10));
                rest /= 10;
            }
            return text;
        }
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /** [-]HH:mm:ss[.f] for a TIME value, which MySQL allows to be negative and beyond 24 hours. */
    static String duration(long nanos, int digits) {
        String sign = nanos < 0 ? "-" : "";
        long magnitude = Math.abs(nanos);
        long seconds = magnitude / NANOS_PER_SECOND;
        return sign + String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                + fraction((int) (magnitude % NANOS_PER_SECOND), digits);
    }

    /**
     * The fraction with the column's declared digits; a value that has finer digits than declared (which MySQL itself
     * cannot hold) keeps them rather than silently losing them.
     */
    static String fraction(int nanoOfSecond, int declaredDigits) {
        return appendFraction(new StringBuilder(NANO_DIGITS + 1), nanoOfSecond, declaredDigits).toString();
    }

    private static StringBuilder appendFraction(StringBuilder text, int nanoOfSecond, int declaredDigits) {
        int significant = NANO_DIGITS;
        for (int rest = nanoOfSecond; significant > 0 && rest % 10 == 0; rest /= 10) {
            significant--;
        }
        int digits = Math.min(NANO_DIGITS, Math.max(declaredDigits, significant));
        return digits == 0 ? text : padded(text.append('.'), nanoOfSecond / POWERS_OF_TEN[NANO_DIGITS - digits], digits);
    }
}
