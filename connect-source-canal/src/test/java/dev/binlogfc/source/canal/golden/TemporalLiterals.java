package dev.binlogfc.source.canal.golden;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * DATE, DATETIME, TIMESTAMP and TIME literals with the declared fractional digits: random values over each type's
 * whole range, its extremes and the zero dates that the default sql_mode allows.
 */
final class TemporalLiterals {

    /** The source server's zone: TIMESTAMP literals and the server's text are both in it. */
    static final ZoneOffset SERVER_ZONE = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final long TIME_MAX_SECONDS = 838 * 3600 + 59 * 60 + 59;
    /** MariaDB stores (and prints) dates before its documented minimum 1000-01-01 too. */
    private static final LocalDate DATE_MIN = LocalDate.of(1, 1, 1);
    private static final LocalDate DATE_MAX = LocalDate.of(9999, 12, 31);
    /** TIMESTAMP's range as UTC epoch seconds. */
    private static final long TIMESTAMP_MIN = 1;
    private static final long TIMESTAMP_MAX = Integer.MAX_VALUE;
    private static final String ZERO_DATE = "'0000-00-00'";
    private static final String ZERO_DATE_TIME = "'0000-00-00 00:00:00'";

    private TemporalLiterals() {
    }

    static Arbitrary<String> dates() {
        return RandomValueColumns.withExtremes(days().map(d -> "'" + d + "'"),
                "'0001-01-01'", "'0069-12-31'", "'1000-01-01'", "'9999-12-31'", "'1970-01-01'", ZERO_DATE);
    }

    private static Arbitrary<LocalDate> days() {
        return Arbitraries.longs().between(DATE_MIN.toEpochDay(), DATE_MAX.toEpochDay()).map(LocalDate::ofEpochDay);
    }

    static Arbitrary<String> dateTimes(int digits) {
        Arbitrary<String> random = Combinators
                .combine(days(), Arbitraries.integers().between(0, 86399), fractions(digits))
                .as((date, second, fraction) -> "'" + DATE_TIME.format(date.atStartOfDay().plusSeconds(second))
                        + fraction + "'");
        return RandomValueColumns.withExtremes(random, "'0001-01-01 00:00:00'", "'0050-06-15 12:00:00'",
                "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59" + nines(digits) + "'", "'1970-01-01 00:00:00'",
                ZERO_DATE_TIME, ZERO_DATE);
    }

    /** TIMESTAMP literals in the server's zone, which the session uses too. */
    static Arbitrary<String> timestamps(int digits) {
        Arbitrary<String> random = Combinators.combine(Arbitraries.longs().between(TIMESTAMP_MIN, TIMESTAMP_MAX),
                fractions(digits)).as((second, fraction) -> "'" + serverTime(second) + fraction + "'");
        return RandomValueColumns.withExtremes(random, "'" + serverTime(TIMESTAMP_MIN) + "'",
                "'" + serverTime(TIMESTAMP_MAX) + nines(digits) + "'", ZERO_DATE_TIME);
    }

    private static String serverTime(long epochSecond) {
        return DATE_TIME.format(LocalDateTime.ofEpochSecond(epochSecond, 0, SERVER_ZONE));
    }

    static Arbitrary<String> times(int digits) {
        Arbitrary<String> random = Combinators.combine(Arbitraries.longs().between(-TIME_MAX_SECONDS + 1,
                TIME_MAX_SECONDS - 1), Arbitraries.of("", "-"), fractions(digits)).as((seconds, sign, fraction) -> {
                    long magnitude = Math.abs(seconds);
                    return String.format(Locale.ROOT, "'%s%d:%02d:%02d%s'", seconds < 0 ? "-" : sign, magnitude / 3600,
                            magnitude / 60 % 60, magnitude % 60, fraction);
                });
        return RandomValueColumns.withExtremes(random, "'838:59:59'", "'-838:59:59'", "'00:00:00'", "'24:00:00'",
                digits == 0 ? "'-00:00:01'" : "'-00:00:00." + "0".repeat(digits - 1) + "1'");
    }

    /** "" or "." and exactly {@code digits} random digits. */
    private static Arbitrary<String> fractions(int digits) {
        if (digits == 0) {
            return Arbitraries.just("");
        }
        int bound = (int) Math.pow(10, digits) - 1;
        return Arbitraries.integers().between(0, bound).map(f -> String.format(Locale.ROOT, ".%0" + digits + "d", f));
    }

    private static String nines(int digits) {
        return digits == 0 ? "" : "." + "9".repeat(digits);
    }
}
