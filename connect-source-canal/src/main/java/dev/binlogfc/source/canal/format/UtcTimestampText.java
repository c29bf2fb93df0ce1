package dev.binlogfc.source.canal.format;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads Debezium's text for a TIMESTAMP (io.debezium.time.ZonedTimestamp): an ISO-8601 instant in UTC such as
 * {@code 2024-01-02T03:04:05.123456Z}. That shape is read digit by digit, as java.time's parser costs more than the
 * rest of a row's rendering; any other shape goes to {@link OffsetDateTime#parse}.
 */
final class UtcTimestampText {

    /** yyyy-MM-ddTHH:mm:ssZ */
    private static final int SHORTEST = 20;
    private static final int FRACTION_START = 20;
    private static final int MAX_FRACTION_DIGITS = 9;

    private UtcTimestampText() {
    }

    /** @return the instant as a date-time in UTC */
    static LocalDateTime parse(String text) {
        LocalDateTime utc = fastParse(text);
        return utc != null ? utc
                : OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** The common shape, or null. */
    private static LocalDateTime fastParse(String text) {
        int length = text.length();
        if (length < SHORTEST || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            int digits = length - 1 - FRACTION_START;
            if (text.charAt(19) != '.' || digits < 1 || digits > MAX_FRACTION_DIGITS) {
                return null;
            }
            int fraction = digits(text, FRACTION_START, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = digits; i < MAX_FRACTION_DIGITS; i++) {
                nanos *= 10;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        // Out-of-range fields fail here as they would in OffsetDateTime.parse.
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
