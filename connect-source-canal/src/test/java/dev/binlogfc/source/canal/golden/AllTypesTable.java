package dev.binlogfc.source.canal.golden;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table holding every MySQL/MariaDB column type the Canal format must render, and the rows the golden tests write.
 * Rows are VALUES tuples in column order; row 1 holds maximum values, row 2 minimum and zero values, row 3 NULLs.
 */
final class AllTypesTable {

    static final String DATABASE = "golden";
    static final String TABLE = "all_types";
    static final String QUALIFIED = DATABASE + "." + TABLE;

    static final String CREATE = "CREATE TABLE " + QUALIFIED + " ("
            + " id INT NOT NULL PRIMARY KEY,"
            + " c_tinyint TINYINT, c_tinyint_u TINYINT UNSIGNED, c_smallint SMALLINT, c_smallint_u SMALLINT UNSIGNED,"
            + " c_mediumint MEDIUMINT, c_mediumint_u MEDIUMINT UNSIGNED, c_int INT, c_int_u INT UNSIGNED,"
            + " c_bigint BIGINT, c_bigint_u BIGINT UNSIGNED, c_int_zerofill INT(6) ZEROFILL,"
            + " c_decimal DECIMAL(65,30), c_decimal_u DECIMAL(10,2) UNSIGNED, c_float FLOAT, c_double DOUBLE,"
            + " c_bit1 BIT(1), c_bit12 BIT(12), c_bool BOOL, c_year YEAR,"
            + " c_date DATE, c_datetime0 DATETIME, c_datetime1 DATETIME(1), c_datetime2 DATETIME(2),"
            + " c_datetime3 DATETIME(3), c_datetime4 DATETIME(4), c_datetime5 DATETIME(5), c_datetime6 DATETIME(6),"
            + " c_timestamp0 TIMESTAMP NULL, c_timestamp1 TIMESTAMP(1) NULL, c_timestamp2 TIMESTAMP(2) NULL,"
            + " c_timestamp3 TIMESTAMP(3) NULL, c_timestamp4 TIMESTAMP(4) NULL, c_timestamp5 TIMESTAMP(5) NULL,"
            + " c_timestamp6 TIMESTAMP(6) NULL, c_time TIME, c_time6 TIME(6),"
            + " c_char CHAR(10), c_varchar VARCHAR(20), c_text TEXT, c_latin1 VARCHAR(20) CHARACTER SET latin1,"
            + " c_binary BINARY(4), c_varbinary VARBINARY(10), c_blob BLOB, c_json JSON,"
            + " c_enum ENUM('small','medium','large'), c_set SET('a','b','c'), c_point POINT, c_geometry GEOMETRY"
            + ") DEFAULT CHARSET=utf8mb4";

    /** Columns whose JDBC getString is not the MySQL text (raw bytes): compared through HEX() instead. */
    static final Set<String> BYTE_COLUMNS = Set.of("c_binary", "c_varbinary", "c_blob", "c_point", "c_geometry");

    /**
     * Columns whose JDBC getString the driver reformats (BIT as true/b'1010', fractional seconds padded to 6 digits),
     * with the SQL that gives the text the server sends and the mysql client prints: BIT as its number, as Canal shows
     * it, and temporal values with the column's own fractional digits.
     */
    static final Map<String, String> SERVER_TEXT = Map.ofEntries(
            Map.entry("c_bit1", "c_bit1 + 0"), Map.entry("c_bit12", "c_bit12 + 0"),
            Map.entry("c_datetime1", "CAST(c_datetime1 AS CHAR)"), Map.entry("c_datetime2", "CAST(c_datetime2 AS CHAR)"),
            Map.entry("c_datetime3", "CAST(c_datetime3 AS CHAR)"), Map.entry("c_datetime4", "CAST(c_datetime4 AS CHAR)"),
            Map.entry("c_datetime5", "CAST(c_datetime5 AS CHAR)"), Map.entry("c_timestamp1", "CAST(c_timestamp1 AS CHAR)"),
            Map.entry("c_timestamp2", "CAST(c_timestamp2 AS CHAR)"), Map.entry("c_timestamp3", "CAST(c_timestamp3 AS CHAR)"),
            Map.entry("c_timestamp4", "CAST(c_timestamp4 AS CHAR)"), Map.entry("c_timestamp5", "CAST(c_timestamp5 AS CHAR)"));

    private static final String FRACTION = "'2024-02-29 23:59:59.123456'";

    static final String MAXIMUM_VALUES = "(1, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,"
            + " 9223372036854775807, 18446744073709551615, 42,"
            + " 12345678901234567890123456789012345.123456789012345678901234567890, 99999999.99, 3.14159, 2.718281828459045,"
            + " b'1', b'101010101010', TRUE, 2155, '9999-12-31',"
            + " " + FRACTION + ", " + FRACTION + ", " + FRACTION + ", " + FRACTION + ", " + FRACTION + ", " + FRACTION + ", " + FRACTION + ","
            + " '2038-01-19 11:14:07', " + FRACTION + ", " + FRACTION + ", " + FRACTION + ", " + FRACTION + ", " + FRACTION + ", " + FRACTION + ","
            + " '838:59:59', '100:00:01.000001',"
            + " 'ab', 'héllo 😀 中文', 'CJK 漢字かな한글 🎉🎉', 'café ÿ', x'00FF8081', x'DEADBEEF00', x'000102FF7F80',"
            + " '{\"a\": [1, 2.5, \"x\"], \"b\": null, \"c\": \"中\"}', 'medium', 'a,c',"
            + " ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('LINESTRING(0 0, 1 1.5)'))";

    static final String MINIMUM_VALUES = "(2, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0,"
            + " -9223372036854775808, 0, 0, -0.000000000000000000000000000001, 0.00, -1.5, -0.25,"
            + " b'0', b'0', FALSE, 1901, '0000-00-00',"
            + " '0000-00-00 00:00:00', '1000-01-01 00:00:00.1', '1000-01-01 00:00:00.01', '1000-01-01 00:00:00.001',"
            + " '1000-01-01 00:00:00.0001', '1000-01-01 00:00:00.00001', '1000-01-01 00:00:00.000001',"
            + " '0000-00-00 00:00:00', '1970-01-01 08:00:01.1', '1970-01-01 08:00:01.01', '1970-01-01 08:00:01.001',"
            + " '1970-01-01 08:00:01.0001', '1970-01-01 08:00:01.00001', '1970-01-01 08:00:01.000001',"
            + " '-838:59:59', '-00:00:00.000001',"
            + " '', '', '', '', x'00000000', x'', x'', '[]', 'small', '',"
            + " ST_GeomFromText('POINT(0 0)'), ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))'))";

    static final String NULL_VALUES = "(3" + ", NULL".repeat(48) + ")";

    /** The row the binlog test inserts: ordinary mid-range values. */
    static final String ORDINARY_VALUES = "(4, -5, 5, -300, 300, -70000, 70000, -5000000, 5000000,"
            + " -5000000000, 5000000000, 7, 3.5, 10.25, 0.1, 1234567.891,"
            + " b'1', b'11', TRUE, 2024, '2024-06-01',"
            + " '2024-06-01 12:00:00', '2024-06-01 12:00:00.5', '2024-06-01 12:00:00.25', '2024-06-01 12:00:00.125',"
            + " '2024-06-01 12:00:00.0625', '2024-06-01 12:00:00.03125', '2024-06-01 12:00:00.015625',"
            + " '2024-06-01 12:00:00', '2024-06-01 12:00:00.5', '2024-06-01 12:00:00.25', '2024-06-01 12:00:00.125',"
            + " '2024-06-01 12:00:00.0625', '2024-06-01 12:00:00.03125', '2024-06-01 12:00:00.015625',"
            + " '-25:30:00', '12:00:00.5',"
            + " 'x', 'l1\\nl2 \"q\" \\\\', 'tab\\there', 'naïve', x'41424344', x'00', x'FF',"
            + " '{\"k\": 1}', 'large', 'a,b,c', ST_GeomFromText('POINT(-1.5 2.25)'), ST_GeomFromText('POINT(3 4)'))";

    /** Statements the binlog test runs after the snapshot, in order. */
    static final List<String> BINLOG_CHANGES = List.of(
            "INSERT INTO " + QUALIFIED + " VALUES " + ORDINARY_VALUES,
            "UPDATE " + QUALIFIED + " SET c_int = 7, c_varchar = 'changed ✓', c_timestamp6 = '2030-01-01 00:00:00.5',"
                    + " c_date = '2000-01-01', c_blob = x'CAFE' WHERE id = 2",
            "DELETE FROM " + QUALIFIED + " WHERE id = 3");

    private AllTypesTable() {
    }
}
