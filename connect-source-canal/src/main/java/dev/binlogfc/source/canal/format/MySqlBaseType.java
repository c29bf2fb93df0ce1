package dev.binlogfc.source.canal.format;

import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The base MySQL/MariaDB column types, each with the MySQL protocol type code ({@code enum_field_types}) that a
 * client's result set metadata reports for such a column, used in Canal's {@code sqlType}: the server's own
 * internal codes never reach a client (ENUM and SET are sent as STRING 254, every TEXT and BLOB size as BLOB 252,
 * and MariaDB's JSON, a LONGTEXT, as BLOB 252 where MySQL 8 sends JSON 245). Also its lower-case name as {@code information_schema.COLUMNS.DATA_TYPE} and DTS show it
 * ({@code mysqlType}), and the {@code java.sql.Types} code that Canal's binlog parser gives it.
 */
public enum MySqlBaseType {
    TINYINT(1, Types.TINYINT, Types.SMALLINT), SMALLINT(2, Types.SMALLINT, Types.INTEGER),
    MEDIUMINT(9, Types.INTEGER, Types.INTEGER), INT(3, Types.INTEGER, Types.BIGINT), BIGINT(8, Types.BIGINT, Types.DECIMAL),
    FLOAT(4, Types.REAL), DOUBLE(5, Types.DOUBLE), DECIMAL(246, Types.DECIMAL),
    DATE(10, Types.DATE), TIME(11, Types.TIME), DATETIME(12, Types.TIMESTAMP), TIMESTAMP(7, Types.TIMESTAMP),
    YEAR(13, Types.VARCHAR),
    BIT(16, Types.BIT), JSON(245, Types.LONGVARCHAR), ENUM(254, Types.INTEGER), SET(254, Types.BINARY),
    TINYBLOB(252, Types.BLOB), TINYTEXT(252, Types.CLOB), MEDIUMBLOB(252, Types.BLOB), MEDIUMTEXT(252, Types.CLOB),
    LONGBLOB(252, Types.BLOB), LONGTEXT(252, Types.CLOB), BLOB(252, Types.BLOB), TEXT(252, Types.CLOB),
    VARCHAR(253, Types.VARCHAR), VARBINARY(253, Types.VARBINARY), CHAR(254, Types.CHAR), BINARY(254, Types.BINARY),
    GEOMETRY(255, Types.BINARY), POINT(255, Types.BINARY), LINESTRING(255, Types.BINARY), POLYGON(255, Types.BINARY),
    MULTIPOINT(255, Types.BINARY), MULTILINESTRING(255, Types.BINARY), MULTIPOLYGON(255, Types.BINARY),
    GEOMETRYCOLLECTION(255, Types.BINARY);

    /** Synonyms that Debezium's DDL parsers keep as the column type name when a DDL statement spells a type that way. */
    private static final Map<String, MySqlBaseType> SYNONYMS = Map.ofEntries(
            Map.entry("BOOL", TINYINT), Map.entry("BOOLEAN", TINYINT), Map.entry("INT1", TINYINT),
            Map.entry("INT2", SMALLINT),
            Map.entry("INT3", MEDIUMINT), Map.entry("MIDDLEINT", MEDIUMINT),
            Map.entry("INTEGER", INT), Map.entry("INT4", INT),
            Map.entry("INT8", BIGINT), Map.entry("SERIAL", BIGINT),
            Map.entry("FLOAT4", FLOAT),
            Map.entry("REAL", DOUBLE), Map.entry("FLOAT8", DOUBLE), Map.entry("DOUBLE PRECISION", DOUBLE),
            Map.entry("FLOAT8 PRECISION", DOUBLE),
            Map.entry("DEC", DECIMAL), Map.entry("NUMERIC", DECIMAL), Map.entry("FIXED", DECIMAL),
            Map.entry("CHARACTER", CHAR), Map.entry("NCHAR", CHAR), Map.entry("NATIONAL CHAR", CHAR),
            Map.entry("NATIONAL CHARACTER", CHAR),
            Map.entry("CHAR VARYING", VARCHAR), Map.entry("CHARACTER VARYING", VARCHAR), Map.entry("NVARCHAR", VARCHAR),
            Map.entry("NCHAR VARCHAR", VARCHAR), Map.entry("NCHAR VARYING", VARCHAR), Map.entry("NATIONAL VARCHAR", VARCHAR),
            Map.entry("NATIONAL CHAR VARYING", VARCHAR), Map.entry("NATIONAL CHARACTER VARYING", VARCHAR),
            Map.entry("LONG", MEDIUMTEXT), Map.entry("LONG VARCHAR", MEDIUMTEXT), Map.entry("LONG VARBINARY", MEDIUMBLOB),
            Map.entry("GEOMCOLLECTION", GEOMETRYCOLLECTION));

    /** Attributes that Debezium appends to the type name; they do not change the base type. */
    private static final Set<String> ATTRIBUTES = Set.of("SIGNED", "UNSIGNED", "ZEROFILL");

    /** An EnumSet: a bit test per value, where Set.of would hash the constant's identity. */
    private static final Set<MySqlBaseType> BINARY_STRINGS = EnumSet.of(BINARY, VARBINARY, TINYBLOB, BLOB, MEDIUMBLOB, LONGBLOB);

    private final int protocolCode;
    private final int jdbcCode;
    private final int unsignedJdbcCode;

    MySqlBaseType(int protocolCode, int jdbcCode) {
        this(protocolCode, jdbcCode, jdbcCode);
    }

    MySqlBaseType(int protocolCode, int jdbcCode, int unsignedJdbcCode) {
        this.protocolCode = protocolCode;
        this.jdbcCode = jdbcCode;
        this.unsignedJdbcCode = unsignedJdbcCode;
    }

    /** The {@code java.sql.Types} code Canal's binlog parser assigns a signed column of this type. */
    int jdbcCode() {
        return jdbcCode;
    }

    /** The code Canal assigns when the column is UNSIGNED: the next wider type, so that every value fits. */
    int unsignedJdbcCode() {
        return unsignedJdbcCode;
    }

    /**
     * The MySQL protocol type code a client's result metadata reports, e.g. 253 for VARCHAR.
     *
     * @param mariaDb whether the server is MariaDB, which stores JSON as LONGTEXT
     */
    public int protocolCode(boolean mariaDb) {
        return this == JSON && mariaDb ? BLOB.protocolCode : protocolCode;
    }

    /** The lower-case type name, e.g. "varchar". */
    public String dtsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the types whose values are raw bytes (Debezium emits them as BYTES with binary.handling.mode=bytes). */
    public boolean isBinaryString() {
        return BINARY_STRINGS.contains(this);
    }

    /**
     * Resolves a Debezium column type name such as "INT UNSIGNED", "DOUBLE PRECISION" or "VARCHAR BINARY".
     *
     * @return the base type, or empty when the name is not a MySQL/MariaDB type this mapping knows
     */
    public static Optional<MySqlBaseType> forTypeName(String typeName) {
        String withoutAttributes = String.join(" ", baseTokens(typeName));
        MySqlBaseType synonym = SYNONYMS.get(withoutAttributes);
        if (synonym != null) {
            return Optional.of(synonym);
        }
        for (MySqlBaseType type : values()) {
            if (type.name().equals(withoutAttributes)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static List<String> baseTokens(String typeName) {
        List<String> tokens = new ArrayList<>();
        for (String token : typeName.trim().toUpperCase(Locale.ROOT).split("\\s+")) {
            if (!ATTRIBUTES.contains(token)) {
                tokens.add(token);
            }
        }
        // "CHAR BINARY", "TEXT BINARY", "ENUM BINARY": a binary collation on a character type, not the BINARY type.
        if (tokens.size() > 1 && tokens.get(tokens.size() - 1).equals("BINARY")) {
            tokens.remove(tokens.size() - 1);
        }
        return tokens;
    }
}
