package dev.binlogfc.source.canal.golden;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A table with a column of every MySQL type the Canal values must render, each with a jqwik generator of SQL literals
 * (random values mixed with the type's extremes, the zero dates the default sql_mode allows and NULL) and the SQL
 * that makes the server print the value: {@code CAST(col AS CHAR)}, HEX() for bytes, {@code col+0} for BIT.
 */
final class RandomValueColumns {

    /** One column: its name and type, a generator of SQL literals for it, and how the server prints its value. */
    record Column(String name, String type, Arbitrary<String> literals, String serverText) {

        /** The column's values as bytes, which Canal carries one character per byte by default. */
        boolean bytes() {
            return serverText.startsWith("HEX(");
        }
    }

    static final String DATABASE = "prop";
    static final String TABLE = "random_values";
    static final String QUALIFIED = DATABASE + "." + TABLE;
    /** The source server's zone: TIMESTAMP literals and the server's text are both in it. */
    static final ZoneOffset SERVER_ZONE = ZoneOffset.ofHours(8);

    private static final ObjectMapper JSON = new ObjectMapper();
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

    static final List<Column> COLUMNS = columns();

    private RandomValueColumns() {
    }

    static String createTable() {
        return "CREATE TABLE " + QUALIFIED + " (id INT NOT NULL PRIMARY KEY, "
                + COLUMNS.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "))
                + ") DEFAULT CHARSET=utf8mb4";
    }

    /** A row's literals in column order. */
    static Arbitrary<List<String>> rows() {
        return Combinators.combine(COLUMNS.stream().map(Column::literals).toList()).as(List::copyOf);
    }

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        integer(columns, "tinyint", 8);
        integer(columns, "smallint", 16);
        integer(columns, "mediumint", 24);
        integer(columns, "int", 32);
        integer(columns, "bigint", 64);
        columns.add(cast("c_int_zerofill", "INT(6) ZEROFILL", unsignedIntegers(BigInteger.valueOf(4294967295L))));
        decimal(columns, "c_decimal_65_30", 65, 30, true);
        decimal(columns, "c_decimal_10_2_u", 10, 2, false);
        decimal(columns, "c_decimal_18_9", 18, 9, true);
        decimal(columns, "c_decimal_5_0", 5, 0, true);
        decimal(columns, "c_decimal_4_4", 4, 4, true);
        columns.add(cast("c_float", "FLOAT", FloatingLiterals.floats()));
        columns.add(cast("c_double", "DOUBLE", FloatingLiterals.doubles()));
        // The deprecated FLOAT(M,D) and DOUBLE(M,D), shown with D decimals; FLOAT keeps about 7 digits.
        columns.add(cast("c_float_7_3", "FLOAT(7,3)", fixedPoint(6, 3, true)));
        columns.add(cast("c_double_12_4", "DOUBLE(12,4)", fixedPoint(12, 4, true)));
        for (int width : new int[] {1, 12, 64}) {
            columns.add(nullable("c_bit" + width, "BIT(" + width + ")", bits(width), "c_bit" + width + "+0"));
        }
        columns.add(cast("c_year", "YEAR", withExtremes(Arbitraries.integers().between(1901, 2155).map(String::valueOf),
                "1901", "2155", "0")));
        columns.add(cast("c_date", "DATE", withExtremes(dates().map(d -> "'" + d + "'"),
                "'0001-01-01'", "'0069-12-31'", "'1000-01-01'", "'9999-12-31'", "'1970-01-01'", ZERO_DATE)));
        for (int digits = 0; digits <= 6; digits++) {
            columns.add(cast("c_datetime" + digits, "DATETIME(" + digits + ")", dateTimes(digits)));
            columns.add(cast("c_timestamp" + digits, "TIMESTAMP(" + digits + ") NULL", timestamps(digits)));
            columns.add(cast("c_time" + digits, "TIME(" + digits + ")", times(digits)));
        }
        columns.add(cast("c_char", "CHAR(10)", TextLiterals.utf8(10)));
        columns.add(cast("c_varchar", "VARCHAR(40)", TextLiterals.utf8(40)));
        columns.add(cast("c_text", "TEXT", TextLiterals.utf8(200)));
        columns.add(cast("c_latin1", "VARCHAR(20) CHARACTER SET latin1", TextLiterals.latin1(20)));
        columns.add(cast("c_enum", "ENUM('small','medium','large','x y','中文')",
                Arbitraries.of("small", "medium", "large", "x y", "中文").map(TextLiterals::utf8Literal)));
        columns.add(cast("c_set", "SET('a','b','c','d')", Arbitraries.of("a", "b", "c", "d").set()
                .map(s -> s.stream().sorted().collect(Collectors.joining(","))).map(TextLiterals::utf8Literal)));
        columns.add(cast("c_json", "JSON", jsonTexts().map(TextLiterals::utf8Literal)));
        columns.add(hex("c_binary", "BINARY(4)", 4));
        columns.add(hex("c_varbinary", "VARBINARY(16)", 16));
        columns.add(hex("c_blob", "BLOB", 300));
        return List.copyOf(columns);
    }

    private static void integer(List<Column> columns, String type, int bits) {
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        BigInteger min = max.negate().subtract(BigInteger.ONE);
        columns.add(cast("c_" + type, type.toUpperCase(Locale.ROOT), withExtremes(
                Arbitraries.bigIntegers().between(min, max).map(BigInteger::toString),
                min.toString(), max.toString(), "0", "-1", "1")));
        columns.add(cast("c_" + type + "_u", type.toUpperCase(Locale.ROOT) + " UNSIGNED",
                unsignedIntegers(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE))));
    }

    private static Arbitrary<String> unsignedIntegers(BigInteger max) {
        return withExtremes(Arbitraries.bigIntegers().between(BigInteger.ZERO, max).map(BigInteger::toString),
                "0", "1", max.toString());
    }

    private static void decimal(List<Column> columns, String name, int precision, int scale, boolean signed) {
        columns.add(cast(name, "DECIMAL(" + precision + "," + scale + ")" + (signed ? "" : " UNSIGNED"),
                fixedPoint(precision, scale, signed)));
    }

    /** Values with up to {@code precision} digits, {@code scale} of them after the point, of every length. */
    private static Arbitrary<String> fixedPoint(int precision, int scale, boolean signed) {
        BigInteger largest = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        Arbitrary<String> random = Arbitraries.integers().between(1, precision).flatMap(digits -> {
            BigInteger bound = BigInteger.TEN.pow(digits).subtract(BigInteger.ONE);
            return Arbitraries.bigIntegers().between(signed ? bound.negate() : BigInteger.ZERO, bound);
        }).map(unscaled -> new BigDecimal(unscaled, scale).toPlainString());
        String max = new BigDecimal(largest, scale).toPlainString();
        String smallest = new BigDecimal(BigInteger.ONE, scale).toPlainString();
        return signed
                ? withExtremes(random, max, "-" + max, smallest, "-" + smallest, "0")
                : withExtremes(random, max, smallest, "0");
    }

    private static Arbitrary<String> bits(int width) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        return withExtremes(Arbitraries.longs().map(bits -> bits & mask).map(RandomValueColumns::bitLiteral),
                bitLiteral(0), bitLiteral(mask), bitLiteral(1));
    }

    private static String bitLiteral(long bits) {
        return "b'" + Long.toBinaryString(bits) + "'";
    }

    private static Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(DATE_MIN.toEpochDay(), DATE_MAX.toEpochDay()).map(LocalDate::ofEpochDay);
    }

    private static Arbitrary<String> dateTimes(int digits) {
        Arbitrary<String> random = Combinators
                .combine(dates(), Arbitraries.integers().between(0, 86399), fractions(digits))
                .as((date, second, fraction) -> "'" + DATE_TIME.format(date.atStartOfDay().plusSeconds(second))
                        + fraction + "'");
        return withExtremes(random, "'0001-01-01 00:00:00'", "'0050-06-15 12:00:00'", "'1000-01-01 00:00:00'",
                "'9999-12-31 23:59:59" + nines(digits) + "'",
                "'1970-01-01 00:00:00'", ZERO_DATE_TIME, ZERO_DATE);
    }

    /** TIMESTAMP literals in the server's zone, which the session uses too. */
    private static Arbitrary<String> timestamps(int digits) {
        Arbitrary<String> random = Combinators.combine(Arbitraries.longs().between(TIMESTAMP_MIN, TIMESTAMP_MAX),
                fractions(digits)).as((second, fraction) -> "'" + serverTime(second) + fraction + "'");
        return withExtremes(random, "'" + serverTime(TIMESTAMP_MIN) + "'",
                "'" + serverTime(TIMESTAMP_MAX) + nines(digits) + "'", ZERO_DATE_TIME);
    }

    private static String serverTime(long epochSecond) {
        return DATE_TIME.format(LocalDateTime.ofEpochSecond(epochSecond, 0, SERVER_ZONE));
    }

    private static Arbitrary<String> times(int digits) {
        Arbitrary<String> random = Combinators.combine(Arbitraries.longs().between(-TIME_MAX_SECONDS + 1,
                TIME_MAX_SECONDS - 1), Arbitraries.of("", "-"), fractions(digits)).as((seconds, sign, fraction) -> {
                    long magnitude = Math.abs(seconds);
                    return String.format(Locale.ROOT, "'%s%d:%02d:%02d%s'", seconds < 0 ? "-" : sign, magnitude / 3600,
                            magnitude / 60 % 60, magnitude % 60, fraction);
                });
        return withExtremes(random, "'838:59:59'", "'-838:59:59'", "'00:00:00'", "'24:00:00'",
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

    /** JSON documents as a client writes them, with unicode strings, numbers, nesting and odd whitespace. */
    private static Arbitrary<String> jsonTexts() {
        Arbitrary<String> strings = TextLiterals.strings(12).map(RandomValueColumns::jsonString);
        Arbitrary<String> numbers = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("1.5", "-0.0", "1e300", "12345678901234567890", "2.5E-7"));
        Arbitrary<String> scalars = Arbitraries.oneOf(strings, numbers, Arbitraries.of("true", "false", "null"));
        Arbitrary<String> arrays = scalars.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
        Arbitrary<String> objects = Combinators.combine(strings.list().ofMaxSize(3), scalars.list().ofSize(3),
                Arbitraries.of(" ", "", "\n  ")).as((keys, values, space) -> IntStream.range(0, keys.size())
                        .mapToObj(i -> space + keys.get(i) + ":" + space + values.get(i))
                        .collect(Collectors.joining(",", "{", "}")));
        return Arbitraries.oneOf(scalars, arrays, objects,
                objects.list().ofMaxSize(2).map(o -> "[" + String.join(",", o) + "]"));
    }

    private static String jsonString(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Column hex(String name, String type, int maxBytes) {
        Arbitrary<String> literals = Arbitraries.bytes().array(byte[].class).ofMaxSize(maxBytes)
                .map(bytes -> "x'" + HexFormat.of().formatHex(bytes) + "'");
        return nullable(name, type, withExtremes(literals, "x''", "x'00'", "x'FF'"), "HEX(" + name + ")");
    }

    private static Column cast(String name, String type, Arbitrary<String> literals) {
        return nullable(name, type, literals, "CAST(" + name + " AS CHAR)");
    }

    private static Column nullable(String name, String type, Arbitrary<String> literals, String serverText) {
        Arbitrary<String> orNull = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("NULL")), Tuple.of(12, literals));
        return new Column(name, type, orNull, serverText);
    }

    /** One value in four is one of the extremes. */
    static Arbitrary<String> withExtremes(Arbitrary<String> random, String... extremes) {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(extremes)), Tuple.of(3, random));
    }
}
