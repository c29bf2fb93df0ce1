package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.binlogfc.source.canal.testing.BinlogPosition;
import dev.binlogfc.source.canal.testing.CapturedTable;
import dev.binlogfc.source.canal.testing.DebeziumConnectorFixture;

/** Column values as Debezium's MySQL connector delivers them, rendered as the MySQL text protocol shows them. */
class ColumnValueRendererTest {

    private static final BinlogPosition POSITION = BinlogPosition.at("mysql-bin.000001", 4L, 0);
    private static final ZonedDateTime INSTANT = ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000, ZoneOffset.UTC);

    @Test
    void temporalColumnsShowTheirDeclaredFractionalDigits() {
        CapturedTable times = DebeziumConnectorFixture.mysql().table("CREATE TABLE shop.times (id int PRIMARY KEY,"
                + " d date, dt datetime, dt3 datetime(3), dt6 datetime(6), ts timestamp NULL, ts6 timestamp(6) NULL,"
                + " t time, t3 time(3), y year)");

        Map<String, String> data = render(times, ZoneOffset.UTC, 1, LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), INSTANT.withNano(0), INSTANT,
                Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), Duration.ofHours(25).plusMillis(5),
                java.time.Year.of(2024));

        assertThat(data).containsEntry("d", "2024-02-29")
                .containsEntry("dt", "2024-01-02 03:04:05")
                .containsEntry("dt3", "2024-01-02 03:04:05.120")
                .containsEntry("dt6", "2024-01-02 03:04:05.123456")
                .containsEntry("ts", "2024-01-02 03:04:05")
                .containsEntry("ts6", "2024-01-02 03:04:05.500000")
                .containsEntry("t", "-838:59:59")
                .containsEntry("t3", "25:00:00.005")
                .containsEntry("y", "2024");
    }

    @Test
    void timestampColumnsAreShownInTheConfiguredZone() {
        CapturedTable times = DebeziumConnectorFixture.mysql()
                .table("CREATE TABLE shop.times (id int PRIMARY KEY, dt datetime(1), ts timestamp(1) NULL)");

        Map<String, String> data = render(times, ZoneId.of("Asia/Shanghai"), 1, INSTANT.toLocalDateTime(), INSTANT);

        assertThat(data).containsEntry("dt", "2024-01-02 03:04:05.5").containsEntry("ts", "2024-01-02 11:04:05.5");
    }

    @Test
    void theZeroTimestampIsShownAsTheZeroDateInAnyZone() {
        CapturedTable times = DebeziumConnectorFixture.mariadb()
                .table("CREATE TABLE shop.times (id int PRIMARY KEY, ts timestamp(3) NOT NULL, ts0 timestamp NULL)");

        // The binlog carries TIMESTAMP '0000-00-00 00:00:00' as 0 seconds, a value no real TIMESTAMP can hold.
        Map<String, String> data = render(times, ZoneId.of("Asia/Shanghai"), 1,
                ZonedDateTime.ofInstant(java.time.Instant.EPOCH, ZoneOffset.UTC),
                ZonedDateTime.ofInstant(java.time.Instant.EPOCH, ZoneOffset.UTC));

        assertThat(data).containsEntry("ts", "0000-00-00 00:00:00.000").containsEntry("ts0", "0000-00-00 00:00:00");
    }

    @Test
    void theZeroYearIsShownAsTheServerShowsIt() {
        CapturedTable years = DebeziumConnectorFixture.mariadb()
                .table("CREATE TABLE shop.years (id int PRIMARY KEY, zero year, first year, last year)");

        // The binlog reader decodes the stored zero year as 1900, a year no YEAR column holds.
        Map<String, String> data = render(years, ZoneOffset.UTC, 1, java.time.Year.of(1900), java.time.Year.of(1901),
                java.time.Year.of(2155));

        assertThat(data).containsEntry("zero", "0000").containsEntry("first", "1901").containsEntry("last", "2155");
    }

    @ParameterizedTest
    @ValueSource(strings = { "connect", "adaptive", "adaptive_time_microseconds", "microseconds", "nanoseconds" })
    void everyTimePrecisionModeRendersTheSameText(String mode) {
        CapturedTable times = DebeziumConnectorFixture.mysql("time.precision.mode", mode)
                .table("CREATE TABLE shop.times (id int PRIMARY KEY, d date, dt3 datetime(3), t3 time(3))");

        Map<String, String> data = render(times, ZoneOffset.UTC, 1, LocalDate.of(1999, 12, 31),
                LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_000_000), Duration.ofHours(12).plusMillis(345));

        assertThat(data).containsEntry("d", "1999-12-31")
                .containsEntry("dt3", "1999-12-31 23:59:59.999")
                .containsEntry("t3", "12:00:00.345");
    }

    @Test
    void isoStringTimePrecisionFailsWithTheSettingToFixIt() {
        CapturedTable times = DebeziumConnectorFixture.mysql("time.precision.mode", "isostring")
                .table("CREATE TABLE shop.times (id int PRIMARY KEY, d date)");
        Struct event = (Struct) times.insert(POSITION, 1, LocalDate.of(2024, 2, 29)).value();
        RowChangeConverter converter = new RowChangeConverter(new ColumnValueRenderer(ZoneOffset.UTC, BinaryEncoding.ISO_8859_1), CanalFormat.DTS, 0);

        assertThatThrownBy(() -> converter.convert(event, Map.of(), List.of("id"), 0L))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("`shop`.`times`.`d`")
                .hasMessageContaining("time.precision.mode=adaptive_time_microseconds");
    }

    @Test
    void numbersAreShownAsMariaDbPrintsThem() {
        CapturedTable numbers = DebeziumConnectorFixture.mysql().table("CREATE TABLE shop.numbers (id int PRIMARY KEY,"
                + " price decimal(10,2), tiny decimal(30,10), f float, f2 float, dbl double, big double,"
                + " fixed float(7,3), zf int(5) zerofill, flag tinyint(1), b boolean)");

        Map<String, String> data = render(numbers, ZoneOffset.UTC, 1, new BigDecimal("10.50"),
                new BigDecimal("0.0000000001"), 1.1f, 10f, 0.1 + 0.2, 1e20, 3.14f, 42, (short) 1, true);

        assertThat(data).containsEntry("price", "10.50")
                .containsEntry("tiny", "0.0000000001")
                .containsEntry("f", "1.1")
                .containsEntry("f2", "10")
                .containsEntry("dbl", "0.30000000000000004")
                .containsEntry("big", "1e20")
                .containsEntry("fixed", "3.140")
                .containsEntry("zf", "00042")
                .containsEntry("flag", "1")
                .containsEntry("b", "1");
    }

    @Test
    void doublesWithoutExponentSignOrFractionAreShownAsMySqlShowsThem() {
        CapturedTable doubles = DebeziumConnectorFixture.mysql().table("CREATE TABLE shop.doubles (id int PRIMARY KEY,"
                + " zero double, neg_zero double, neg double, tiny double, whole double, f_neg float)");

        Map<String, String> data = render(doubles, ZoneOffset.UTC, 1, 0.0, -0.0, -2.5, 1e-5, 123456.0, -0.5f);

        assertThat(data).containsEntry("zero", "0")
                .containsEntry("neg_zero", "-0")
                .containsEntry("neg", "-2.5")
                .containsEntry("tiny", "0.00001")
                .containsEntry("whole", "123456")
                .containsEntry("f_neg", "-0.5");
    }

    @ParameterizedTest
    @ValueSource(strings = { "precise", "string", "double" })
    void decimalsKeepTheirScaleInEveryDecimalHandlingMode(String mode) {
        CapturedTable prices = DebeziumConnectorFixture.mysql("decimal.handling.mode", mode)
                .table("CREATE TABLE shop.prices (id int PRIMARY KEY, price decimal(10,2))");

        assertThat(render(prices, ZoneOffset.UTC, 1, new BigDecimal("10.50"))).containsEntry("price", "10.50");
    }

    @ParameterizedTest
    @ValueSource(strings = { "precise", "long" })
    void unsignedIntegersShowTheirFullRangeInEveryBigintHandlingMode(String mode) {
        CapturedTable counters = DebeziumConnectorFixture.mysql("bigint.unsigned.handling.mode", mode)
                .table("CREATE TABLE shop.counters (id int PRIMARY KEY, u64 bigint unsigned, u32 int unsigned,"
                        + " u8 tinyint unsigned, s64 bigint)");

        // The binlog holds unsigned values in signed form; -1 is each type's maximum.
        Map<String, String> data = render(counters, ZoneOffset.UTC, 1, -1L, -1, (short) -1, -1L);

        assertThat(data).containsEntry("u64", "18446744073709551615")
                .containsEntry("u32", "4294967295")
                .containsEntry("u8", "255")
                .containsEntry("s64", "-1");
    }

    @Test
    void binaryColumnsAreBytesAsIso88591() {
        CapturedTable blobs = DebeziumConnectorFixture.mysql()
                .table("CREATE TABLE shop.blobs (id int PRIMARY KEY, vb varbinary(8), bin binary(4), bl blob)");
        byte[] allByteRanges = { 0x00, 0x7f, (byte) 0x80, (byte) 0xff };

        Map<String, String> data = render(blobs, ZoneOffset.UTC, 1, allByteRanges, new byte[]{ 1, 2 }, allByteRanges);

        assertThat(data).containsEntry("vb", "\u0000\u007f\u0080\u00ff")
                .containsEntry("bin", "\u0001\u0002\u0000\u0000")
                .containsEntry("bl", "\u0000\u007f\u0080\u00ff");
    }

    @Test
    void binaryColumnsEncodedByDebeziumFailWithTheSettingToFixIt() {
        CapturedTable blobs = DebeziumConnectorFixture.mysql("binary.handling.mode", "base64")
                .table("CREATE TABLE shop.blobs (id int PRIMARY KEY, bl blob)");
        Struct event = (Struct) blobs.insert(POSITION, 1, new byte[]{ 1 }).value();
        RowChangeConverter converter = new RowChangeConverter(new ColumnValueRenderer(ZoneOffset.UTC, BinaryEncoding.ISO_8859_1), CanalFormat.DTS, 0);

        assertThatThrownBy(() -> converter.convert(event, Map.of(), List.of("id"), 0L))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("`shop`.`blobs`.`bl`")
                .hasMessageContaining("binary.handling.mode=bytes");
    }

    @Test
    void textBitsEnumsSetsAndJsonAreShownAsMySqlShowsThem() {
        CapturedTable misc = DebeziumConnectorFixture.mysql().table("CREATE TABLE shop.misc (id int PRIMARY KEY,"
                + " note mediumtext, b1 bit(1), b12 bit(12), e enum('small','large'), s set('x','y','z'), j json)"
                + " DEFAULT CHARSET=utf8mb4");
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(10);

        Map<String, String> data = render(misc, ZoneOffset.UTC, 1, "héllo 你好", bitSet(0), bits, 2, 5L, "{\"a\": [1, 2]}");

        assertThat(data).containsEntry("note", "héllo 你好")
                .containsEntry("b1", "1")
                .containsEntry("b12", "1025")
                .containsEntry("e", "large")
                .containsEntry("s", "x,z")
                .containsEntry("j", "{\"a\": [1, 2]}");
    }

    @Test
    void spatialColumnsAreTheStoredSridAndWkbBytes() {
        CapturedTable places = DebeziumConnectorFixture.mysql()
                .table("CREATE TABLE shop.places (id int PRIMARY KEY, g geometry, p point)");
        byte[] stored = ByteBuffer.allocate(25).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4326).put((byte) 1).putInt(1).putDouble(1.0).putDouble(2.0).array();

        Map<String, String> data = render(places, ZoneOffset.UTC, 1, stored, stored);

        String expected = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(data).containsEntry("g", expected).containsEntry("p", expected);
    }

    @Test
    void sqlNullStaysNullForEveryType() {
        CapturedTable nullable = DebeziumConnectorFixture.mysql().table("CREATE TABLE shop.nullable (id int PRIMARY KEY,"
                + " d date, dt datetime(3), t time, price decimal(5,2), bl blob, j json)");

        Map<String, String> data = render(nullable, ZoneOffset.UTC, 1, null, null, null, null, null, null);

        assertThat(data).containsOnlyKeys("id", "d", "dt", "t", "price", "bl", "j")
                .containsEntry("id", "1")
                .containsEntry("d", null).containsEntry("dt", null).containsEntry("t", null)
                .containsEntry("price", null).containsEntry("bl", null).containsEntry("j", null);
    }

    private static Map<String, String> render(CapturedTable table, ZoneId zone, Object... rawValues) {
        Struct event = (Struct) table.insert(POSITION, rawValues).value();
        return new RowChangeConverter(new ColumnValueRenderer(zone, BinaryEncoding.ISO_8859_1), CanalFormat.DTS, 0)
                .convert(event, Map.of(), List.of("id"), 0L).data().toMap();
    }

    private static BitSet bitSet(int... setBits) {
        BitSet bits = new BitSet();
        for (int bit : setBits) {
            bits.set(bit);
        }
        return bits;
    }
}
