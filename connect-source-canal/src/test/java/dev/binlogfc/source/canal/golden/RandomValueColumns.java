package dev.binlogfc.source.canal.golden;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

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
        columns.add(cast("c_date", "DATE", TemporalLiterals.dates()));
        for (int digits = 0; digits <= 6; digits++) {
            columns.add(cast("c_datetime" + digits, "DATETIME(" + digits + ")", TemporalLiterals.dateTimes(digits)));
            columns.add(cast("c_timestamp" + digits, "TIMESTAMP(" + digits + ") NULL",
                    TemporalLiterals.timestamps(digits)));
            columns.add(cast("c_time" + digits, "TIME(" + digits + ")", TemporalLiterals.times(digits)));
        }
        columns.add(cast("c_char", "CHAR(10)", TextLiterals.utf8(10)));
        columns.add(cast("c_varchar", "VARCHAR(40)", TextLiterals.utf8(40)));
        columns.add(cast("c_text", "TEXT", TextLiterals.utf8(200)));
        columns.add(cast("c_latin1", "VARCHAR(20) CHARACTER SET latin1", TextLiterals.latin1(20)));
        columns.add(cast("c_enum", "ENUM('small','medium','large','x y','中文')",
                Arbitraries.of("small", "medium", "large", "x y", "中文").map(TextLiterals::utf8Literal)));
        columns.add(cast("c_set", "SET('a','b','c','d')", Arbitraries.of("a", "b", "c", "d").set()
                .map(s -> s.stream().sorted().collect(Collectors.joining(","))).map(TextLiterals::utf8Literal)));
        columns.add(cast("c_json", "JSON", TextLiterals.json()));
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

    private static Column hex(String name, String type, int maxBytes) {
        Arbitrary<String> literals = Arbitraries.bytes().array(byte[].class).ofMaxSize(maxBytes)
                .map(bytes -> "x'" + HexFormat.of().formatHex(bytes) + "'");
        return nullable(name, type, withExtremes(literals, "x''", "x'00'", "x'FF'"), "HEX(" + name + ")");
    }

    private static Column cast(String name, String type, Arbitrary<String> literals) {
        return nullable(name, type, literals, "CAST(" + name + " AS CHAR)");
    }

    private static Column nullable(String name, String type, Arbitrary<String> literals, String serverText) {
        Arbitrary<String> orNull = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("NULL")),
                Tuple.of(12, literals));
        return new Column(name, type, orNull, serverText);
    }

    /** One value in four is one of the extremes. */
    static Arbitrary<String> withExtremes(Arbitrary<String> random, String... extremes) {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(extremes)), Tuple.of(3, random));
    }
}
