package dev.binlogfc.source.canal.format;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/** Formats temporal values the way the MySQL text protocol shows DATE, DATETIME/TIMESTAMP and TIME columns. */
final class TemporalText {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int NANO_DIGITS = 9;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    private TemporalText() {
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
        return text.append(fraction(dateTime.getNano(), digits)).toString();
    }

    private static StringBuilder appendDate(StringBuilder text, LocalDate date) {
        padded(text, date.getYear(), 4).append('-');
        padded(text, date.getMonthValue(), 2).append('-');
        return padded(text, date.getDayOfMonth(), 2);
    }

    /**
     * Appends a non-negative number with leading zeros to at least {@code width} digits; digit by digit when it fits
     * the width, the common case, which spares a String per date part.
     */
    private static StringBuilder padded(StringBuilder text, long value, int width) {
        if (value >= 0 && value < POWERS_OF_TEN[width]) {
            for (int power = width - 1; power >= 0; power--) {
                text.append((char) ('0' + value / POWERS_OF_TEN[power] % 10));
            }
            return text;
        }
        String digits = Long.toString(value);
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
        if (nanoOfSecond == 0 && declaredDigits == 0) {
            return "";
        }
        String nine = padded(new StringBuilder(NANO_DIGITS), nanoOfSecond, NANO_DIGITS).toString();
        int significant = NANO_DIGITS;
        while (significant > 0 && nine.charAt(significant - 1) == '0') {
            significant--;
        }
        int digits = Math.min(NANO_DIGITS, Math.max(declaredDigits, significant));
        return digits == 0 ? "" : "." + nine.substring(0, digits);
    }
}
