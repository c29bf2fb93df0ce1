package dev.binlogfc.source.canal.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Renders one Debezium column value as the string the MySQL text protocol shows for it (what JDBC getString returns),
 * which is how Canal and DTS carry values. The Debezium logical type name of the field schema decides the decoding;
 * the source column type supplies what the value alone lacks (fractional digits, UNSIGNED, ZEROFILL, scale).
 */
public final class ColumnValueRenderer {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** MySQL shows the TIMESTAMP value 0 (which cannot hold the epoch itself) as the zero date. */
    private static final String ZERO_DATE_TIME = "0000-00-00 00:00:00";
    private static final LocalDateTime EPOCH_UTC = LocalDateTime.of(1970, 1, 1, 0, 0);

    private final ZoneId timestampZone;
    private final BinaryEncoding binaryEncoding;

    /**
     * @param timestampZone the zone in which TIMESTAMP columns (UTC instants in Debezium) are shown
     * @param binaryEncoding how binary column bytes become text
     */
    public ColumnValueRenderer(ZoneId timestampZone, BinaryEncoding binaryEncoding) {
        this.timestampZone = timestampZone;
        this.binaryEncoding = binaryEncoding;
    }

    /**
     * The text of a column's values, decided by the field schema's Debezium logical type name (or its schema type when
     * it has none) and the source column type. A value this renderer cannot show as MySQL would fails when it
     * arrives, not here: a column that only ever holds NULL does not stop the table.
     */
    ColumnText forColumn(MySqlColumnType column, Schema schema) {
        String logicalName = schema.name();
        return logicalName == null ? physical(column, schema) : logical(logicalName, column, schema);
    }

    private ColumnText logical(String logicalName, MySqlColumnType column, Schema schema) {
        int digits = column.fractionalSecondsDigits();
        return switch (logicalName) {
            case "io.debezium.time.Date" -> value -> TemporalText.date(LocalDate.ofEpochDay(longValue(value)));
            case "io.debezium.time.Timestamp" ->
                    value -> TemporalText.dateTime(utcDateTime(longValue(value), NANOS_PER_MILLI), digits);
            case "io.debezium.time.MicroTimestamp" ->
                    value -> TemporalText.dateTime(utcDateTime(longValue(value), NANOS_PER_MICRO), digits);
            case "io.debezium.time.NanoTimestamp" -> value -> TemporalText.dateTime(utcDateTime(longValue(value), 1), digits);
            case "io.debezium.time.ZonedTimestamp" -> value -> timestamp((String) value, digits);
            case "io.debezium.time.Time" -> value -> TemporalText.duration(longValue(value) * NANOS_PER_MILLI, digits);
            case "io.debezium.time.MicroTime" -> value -> TemporalText.duration(longValue(value) * NANOS_PER_MICRO, digits);
            case "io.debezium.time.NanoTime" -> value -> TemporalText.duration(longValue(value), digits);
            case "io.debezium.time.Year" -> value -> TemporalText.year((int) longValue(value));
            case org.apache.kafka.connect.data.Date.LOGICAL_NAME -> value -> TemporalText.date(utcDateTime(value).toLocalDate());
            case org.apache.kafka.connect.data.Time.LOGICAL_NAME ->
                    value -> TemporalText.duration(((java.util.Date) value).getTime() * NANOS_PER_MILLI, digits);
            case org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME -> value -> TemporalText.dateTime(utcDateTime(value), digits);
            case org.apache.kafka.connect.data.Decimal.LOGICAL_NAME -> value -> NumberText.decimal((BigDecimal) value, column);
            case "io.debezium.data.Bits" -> value -> new BigInteger(1, reversed(bytes(value))).toString();
            case "io.debezium.data.geometry.Geometry", "io.debezium.data.geometry.Point" -> value -> geometry((Struct) value);
            case "io.debezium.data.Json", "io.debezium.data.Enum", "io.debezium.data.EnumSet" -> value -> (String) value;
            default -> logicalName.startsWith("io.debezium.time.")
                    ? unsupported("values of Debezium type " + logicalName + " are not supported: use"
                            + " time.precision.mode=adaptive_time_microseconds (the default) on the Debezium connector")
                    : physical(column, schema);
        };
    }

    private ColumnText physical(MySqlColumnType column, Schema schema) {
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> value -> NumberText.integer(((Number) value).longValue(), column);
            case FLOAT32 -> value -> NumberText.floating(((Number) value).doubleValue(), true, column);
            // A FLOAT column is shown with FLOAT's digits even where Debezium widened it to FLOAT64.
            case FLOAT64 -> value -> NumberText.floating(((Number) value).doubleValue(),
                    column.baseType() == MySqlBaseType.FLOAT, column);
            case BOOLEAN -> value -> (Boolean) value ? "1" : "0";
            case STRING -> string(column);
            case BYTES -> value -> binaryEncoding.encode(bytes(value));
            default -> unsupported("values of schema type " + schema.type()
                    + (schema.name() == null ? "" : " (" + schema.name() + ")") + " are not supported");
        };
    }

    private static ColumnText string(MySqlColumnType column) {
        if (column.baseType().isBinaryString()) {
            return unsupported("a " + column.typeName() + " column arrived as text, i.e. encoded by Debezium:"
                    + " set binary.handling.mode=bytes on the Debezium connector");
        }
        // decimal.handling.mode=string: normalize in case the text is in scientific notation.
        return column.baseType() == MySqlBaseType.DECIMAL
                ? value -> NumberText.decimal(new BigDecimal((String) value), column)
                : value -> (String) value;
    }

    private static ColumnText unsupported(String problem) {
        return value -> {
            throw new DataException(problem);
        };
    }

    private static long longValue(Object value) {
        return ((Number) value).longValue();
    }

    /** A DATETIME that Debezium encoded as an amount of units since the epoch, reading it as UTC. */
    private static LocalDateTime utcDateTime(long amount, long nanosPerUnit) {
        long unitsPerSecond = NANOS_PER_SECOND / nanosPerUnit;
        long seconds = Math.floorDiv(amount, unitsPerSecond);
        long nanos = Math.floorMod(amount, unitsPerSecond) * nanosPerUnit;
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    /** A Kafka Connect Date or Timestamp (time.precision.mode=connect), which carries local values as UTC. */
    private static LocalDateTime utcDateTime(Object value) {
        return LocalDateTime.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC);
    }

    /** A TIMESTAMP, which Debezium gives as an ISO instant in UTC, in the configured zone. */
    private String timestamp(String isoInstant, int digits) {
        LocalDateTime utc = UtcTimestampText.parse(isoInstant);
        if (utc.equals(EPOCH_UTC)) {
            return ZERO_DATE_TIME + TemporalText.fraction(0, digits);
        }
        ZoneOffset offset = timestampZone.getRules().getOffset(utc.toInstant(ZoneOffset.UTC));
        return TemporalText.dateTime(utc.plusSeconds(offset.getTotalSeconds()), digits);
    }

    /** MySQL keeps a spatial value as a 4-byte little-endian SRID followed by the WKB; Canal emits those bytes. */
    private String geometry(Struct value) {
        byte[] wkb = bytes(value.get("wkb"));
        Integer srid = value.getInt32("srid");
        ByteBuffer stored = ByteBuffer.allocate(Integer.BYTES + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        stored.putInt(srid == null ? 0 : srid).put(wkb);
        return binaryEncoding.encode(stored.array());
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] copy = new byte[view.remaining()];
            view.get(copy);
            return copy;
        }
        throw new DataException("expected bytes but got " + value.getClass().getName());
    }

    /** Debezium's Bits are little-endian; BigInteger wants big-endian. */
    private static byte[] reversed(byte[] littleEndian) {
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return bigEndian;
    }
}
