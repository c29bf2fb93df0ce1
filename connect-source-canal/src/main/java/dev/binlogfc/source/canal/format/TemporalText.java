package dev.binlogfc.source.canal.format;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/** Formats temporal values the way the MySQL text protocol shows DATE, DATETIME/TIMESTAMP and TIME columns. */
final class TemporalText {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int NANO_DIGITS = 9;

    private TemporalText() {
    }

    /** yyyy-MM-dd. */
    static String date(LocalDate date) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    /** yyyy-MM-dd HH:mm:ss followed by {@code digits} fractional digits (none when 0). */
    static String dateTime(LocalDateTime dateTime, int digits) {
        return date(dateTime.toLocalDate())
                + String.format(Locale.ROOT, " %02d:%02d:%02d", dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond())
                + fraction(dateTime.getNano(), digits);
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
    private static String fraction(int nanoOfSecond, int declaredDigits) {
        String nine = String.format(Locale.ROOT, "%09d", nanoOfSecond);
        int significant = NANO_DIGITS;
        while (significant > 0 && nine.charAt(significant - 1) == '0') {
            significant--;
        }
        int digits = Math.min(NANO_DIGITS, Math.max(declaredDigits, significant));
        return digits == 0 ? "" : "." + nine.substring(0, digits);
    }
}
