package dev.binlogfc.source.canal.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Formats numbers the way the MySQL text protocol shows them. */
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
     * A FLOAT/DOUBLE value: as MariaDB prints it (see {@link FloatingText}), or with exactly the declared scale for
     * FLOAT(M,D), DOUBLE(M,D) and DECIMAL in double mode.
     */
    static String floating(double value, boolean singlePrecision, MySqlColumnType column) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (column.scale() == null) {
            return singlePrecision ? FloatingText.ofFloat(value) : FloatingText.ofDouble(value);
        }
        String shortest = singlePrecision ? Float.toString((float) value) : Double.toString(value);
        return new BigDecimal(shortest).setScale(column.scale(), RoundingMode.HALF_UP).toPlainString();
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
