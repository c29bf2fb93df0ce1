package dev.binlogfc.source.canal.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.binlogfc.source.canal.testing.BinlogPosition;
import dev.binlogfc.source.canal.testing.CapturedTable;
import dev.binlogfc.source.canal.testing.DebeziumConnectorFixture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the Canal SMT with generated tables (every column type, nullable or not, with and without defaults, keys of
 * several types) and raw values of every Java type the binlog reader can hand Debezium, converted by Debezium's own
 * MySQL and MariaDB converters, through every operation, primary key changes (whole and broken) and both value forms.
 * The SMT must either produce a record of the documented contract (README, "The record contract") or throw a
 * DataException with a message; nothing else.
 */
class CanalJsonTransformFuzzTest {

    private static final List<String> FIELDS = List.of("id", "database", "table", "pkNames", "isDdl", "type", "es",
            "ts", "sql", "sqlType", "mysqlType", "data", "old", "serverId");
    private static final Set<String> ROW_TYPES = Set.of("INIT", "INSERT", "UPDATE", "DELETE");
    private static final long MAX_ID = (1L << 53) - 1;
    private static final String[] COLUMN_TYPES = { "TINYINT", "TINYINT UNSIGNED", "SMALLINT", "MEDIUMINT UNSIGNED",
        "INT", "INT UNSIGNED", "BIGINT", "BIGINT UNSIGNED", "INT(6) ZEROFILL", "DECIMAL(65,30)", "DECIMAL(10,2) UNSIGNED",
        "FLOAT", "DOUBLE", "BIT(1)", "BIT(12)", "BIT(64)", "BOOL", "YEAR", "DATE", "DATETIME", "DATETIME(3)",
        "DATETIME(6)", "TIMESTAMP NULL", "TIMESTAMP(6) NULL", "TIME", "TIME(6)", "CHAR(10)", "VARCHAR(20)", "TEXT",
        "VARCHAR(20) CHARACTER SET latin1", "BINARY(4)", "VARBINARY(10)", "BLOB", "JSON", "ENUM('s','m','l')",
        "SET('a','b','c')", "POINT", "GEOMETRY" };
    private static final String[] KEY_TYPES = { "INT", "BIGINT UNSIGNED", "VARCHAR(20)", "DATETIME(3)", "DECIMAL(10,2)" };
    private static final String[] DEFAULTS = { "", "", " DEFAULT NULL", " NOT NULL", " NOT NULL DEFAULT '1'",
        " DEFAULT '0'" };
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DebeziumConnectorFixture MYSQL = DebeziumConnectorFixture.mysql();
    private static final DebeziumConnectorFixture MARIADB = DebeziumConnectorFixture.mariadb();
    private static int tables;

    @Property(tries = 400)
    void eitherTheContractOrADataException(@ForAll("tables") String columns, @ForAll boolean mariadb,
                                           @ForAll("rows") List<Object[]> rows, @ForAll("operations") String operation) {
        CapturedTable table;
        List<SourceRecord> records;
        try {
            table = (mariadb ? MARIADB : MYSQL).table("CREATE TABLE fuzz.t" + ++tables + " (" + columns + ")");
            records = records(table, operation, rows);
        } catch (RuntimeException debeziumRefused) {
            // Only what Debezium turns into an event can reach the SMT.
            Assume.that(false);
            return;
        }
        Statistics.collect(operation);
        for (Map<String, String> config : List.of(Map.<String, String>of(),
                Map.of(CanalJsonTransformConfig.VALUE_FORM_CONFIG, "JSON", CanalJsonTransformConfig.KEY_FORM_CONFIG, "JSON",
                        CanalJsonTransformConfig.BINARY_ENCODING_CONFIG, "hex"))) {
            try (CanalJsonTransform<SourceRecord> transform = new CanalJsonTransform<>()) {
                transform.configure(config);
                for (SourceRecord record : records) {
                    SourceRecord canal;
                    try {
                        canal = transform.apply(record);
                    } catch (DataException e) {
                        assertThat(e.getMessage()).isNotBlank();
                        Statistics.label("outcome").collect("DataException");
                        continue;
                    } catch (RuntimeException e) {
                        throw new AssertionError("the SMT threw " + e + " on " + record, e);
                    }
                    if (canal != null && canal.value() != null) {
                        assertContract(canal.value(), table);
                        Statistics.label("outcome").collect("record");
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertContract(Object value, CapturedTable table) {
        Map<String, Object> canal;
        try {
            canal = value instanceof String text ? JSON.readValue(text, Map.class) : (Map<String, Object>) value;
        } catch (Exception e) {
            throw new AssertionError("value.form=json wrote text that is not JSON: " + value, e);
        }
        assertThat(List.copyOf(canal.keySet())).isEqualTo(FIELDS);
        String type = (String) canal.get("type");
        if ("DDL".equals(type)) {
            assertThat(canal.get("isDdl")).isEqualTo(true);
            assertThat((String) canal.get("sql")).startsWith("TRUNCATE TABLE");
            return;
        }
        assertThat(type).isIn(ROW_TYPES);
        assertThat(((Number) canal.get("id")).longValue()).isBetween(0L, MAX_ID);
        assertThat(canal.get("database")).isEqualTo("fuzz");
        assertThat(canal.get("isDdl")).isEqualTo(false);
        assertThat(canal.get("sql")).isEqualTo("");
        assertThat(canal.get("es")).isInstanceOf(Number.class);
        assertThat(canal.get("ts")).isInstanceOf(Number.class);
        assertThat(canal.get("serverId")).isInstanceOf(String.class);
        List<String> columns = List.copyOf(((Map<String, Object>) canal.get("mysqlType")).keySet());
        assertThat(((Map<String, Object>) canal.get("sqlType")).keySet()).containsExactlyElementsOf(columns);
        assertThat(((Map<String, Object>) canal.get("sqlType")).values()).allMatch(Number.class::isInstance);
        assertThat((List<String>) canal.get("pkNames")).containsExactly("k");
        assertRowImage(canal.get("data"), columns);
        if ("UPDATE".equals(type)) {
            assertRowImage(canal.get("old"), columns);
        } else {
            assertThat(canal.get("old")).isNull();
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertRowImage(Object image, List<String> columns) {
        assertThat((List<Object>) image).hasSize(1);
        Map<String, Object> row = (Map<String, Object>) ((List<Object>) image).get(0);
        assertThat(row.keySet()).containsExactlyElementsOf(columns);
        assertThat(row.values()).as("column values are text or null").allMatch(text -> text == null || text instanceof String);
    }

    private static List<SourceRecord> records(CapturedTable table, String operation, List<Object[]> rows) {
        BinlogPosition position = BinlogPosition.at("mysql-bin.000007", 4L + tables, 0);
        Object[] before = rows.get(0);
        Object[] after = rows.get(1);
        return switch (operation) {
            case "read" -> List.of(table.read(after));
            case "insert" -> List.of(table.insert(position, after));
            case "update" -> List.of(table.update(position, before, after));
            case "delete" -> List.of(table.delete(position, before), table.tombstone(before));
            case "truncate" -> List.of(table.truncate(position));
            case "keyChange" -> List.of(withHeader(table.delete(position, before), CanalJsonTransform.NEW_KEY_HEADER),
                    table.tombstone(before), withHeader(table.insert(position, after), CanalJsonTransform.OLD_KEY_HEADER));
            // A key change whose CREATE half went missing: the SMT must say so.
            default -> List.of(withHeader(table.delete(position, before), CanalJsonTransform.NEW_KEY_HEADER),
                    table.update(position, before, after));
        };
    }

    private static SourceRecord withHeader(SourceRecord record, String header) {
        record.headers().addString(header, "{}");
        return record;
    }

    @Provide
    Arbitrary<String> operations() {
        return Arbitraries.of("read", "insert", "update", "delete", "truncate", "keyChange", "brokenKeyChange");
    }

    @Provide
    Arbitrary<String> tables() {
        Arbitrary<String> column = Combinators.combine(Arbitraries.of(COLUMN_TYPES), Arbitraries.of(DEFAULTS))
                .as((type, nullability) -> type + nullability);
        return Combinators.combine(Arbitraries.of(KEY_TYPES), column.list().ofMinSize(0).ofMaxSize(5))
                .as((key, others) -> {
                    StringBuilder ddl = new StringBuilder("k " + key + " NOT NULL");
                    for (int i = 0; i < others.size(); i++) {
                        ddl.append(", c").append(i).append(' ').append(others.get(i));
                    }
                    return ddl.append(", PRIMARY KEY (k)").toString();
                });
    }

    /** Two rows (before, after) of raw values, more than any table has columns: Debezium reads what it needs. */
    @Provide
    Arbitrary<List<Object[]>> rows() {
        return rawValue().array(Object[].class).ofSize(6).list().ofSize(2);
    }

    private static Arbitrary<Object> rawValue() {
        List<Arbitrary<?>> kinds = new ArrayList<>(List.of(
                Arbitraries.just(null),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.shorts(),
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(70).negate(), BigInteger.ONE.shiftLeft(70)),
                Arbitraries.bigDecimals().ofScale(30),
                Arbitraries.of(BigDecimal.ZERO, new BigDecimal("-0.00"), new BigDecimal("1E+40"), new BigDecimal("1E-40")),
                Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE),
                Arbitraries.floats(),
                Arbitraries.of(true, false),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(10),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(30),
                Arbitraries.integers().between(-1, 10_000).map(day -> (Object) LocalDate.of(1970, 1, 1).plusDays(day * 97L)),
                Arbitraries.of(LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(1, 1, 1)),
                Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L)
                        .map(s -> (Object) LocalDateTime.ofEpochSecond(s, (int) Math.floorMod(s, 1_000_000) * 1000, ZoneOffset.UTC)),
                Arbitraries.longs().between(0, 2_147_483_647L).map(s -> (Object) Instant.ofEpochSecond(s, 123_456_000)),
                Arbitraries.longs().between(-3_020_399_999_999L, 3_020_399_999_999L).map(us -> (Object) Duration.ofNanos(us * 1000)),
                Arbitraries.of(LocalTime.MIDNIGHT, LocalTime.MAX, OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000, ZoneOffset.ofHours(14))),
                Arbitraries.longs().map(bits -> (Object) BitSet.valueOf(new long[] { bits }))));
        return Arbitraries.oneOf(kinds.stream().map(kind -> kind.map(v -> (Object) v)).toList());
    }
}
