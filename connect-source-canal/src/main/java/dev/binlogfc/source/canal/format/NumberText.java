package dev.binlogfc.source.canal.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Formats numbers the way the MySQL text protocol shows them: plain notation, never scientific. */
final class NumberText {

    /** 2^64, added to a negative long to recover a BIGINT UNSIGNED value that Debezium wrapped in 'long' mode. */
    private static final BigInteger UNSIGNED_LONG_RANGE = BigInteger.ONE.shiftLeft(64);

    private NumberText() {
    }

    static String integer(long value, MySqlColumnType column) {
        String digits = value < 0 && column.unsigned()
                ? BigInteger.valueOf(value).add(UNSIGNED_LONG_RANGE).toString()
                : Long.toString(value);
        return column.zerofill() ? zeroPadded(digits, column.length()) : digits;
    }

    /**
     * A FLOAT/DOUBLE value: the shortest decimal that round-trips (Java's Float/Double.toString digits) without a
     * trailing ".0", or with exactly the declared scale for FLOAT(M,D), DOUBLE(M,D) and DECIMAL in double mode.
     */
    static String floating(double value, boolean singlePrecision, MySqlColumnType column) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String shortest = singlePrecision ? Float.toString((float) value) : Double.toString(value);
        if (column.scale() == null && shortest.indexOf('E') < 0) {
            // Plain already, and Java writes no trailing zeros but a lone ".0": skip the BigDecimal detour.
            if (value == 0) {
                return "0";
            }
            return shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest;
        }
        BigDecimal decimal = new BigDecimal(shortest);
        if (column.scale() != null) {
            return decimal.setScale(column.scale(), RoundingMode.HALF_UP).toPlainString();
        }
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }

    /**
     * A DECIMAL value in plain notation with the column's declared scale, whichever form Debezium's
     * decimal.handling.mode gave it (precise keeps the scale, string may lose trailing zeros or use an exponent).
     */
    static String decimal(BigDecimal value, MySqlColumnType column) {
        Integer scale = column.scale();
        return (scale == null ? value : value.setScale(scale, RoundingMode.HALF_UP)).toPlainString();
    }

    private static String zeroPadded(String digits, Integer width) {
        if (width == null || digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }
}
