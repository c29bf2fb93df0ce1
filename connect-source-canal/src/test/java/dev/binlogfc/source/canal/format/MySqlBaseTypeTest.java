package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.binlogfc.source.canal.testing.BinlogPosition;
import dev.binlogfc.source.canal.testing.DebeziumConnectorFixture;

/** sqlType and mysqlType for column types as Debezium's parsers name them, spelled canonically or by synonym. */
class MySqlBaseTypeTest {

    private static final DebeziumConnectorFixture MYSQL = DebeziumConnectorFixture.mysql();
    private static final DebeziumConnectorFixture MARIADB = DebeziumConnectorFixture.mariadb();
    private static final AtomicInteger TABLES = new AtomicInteger();

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            tinyint                  | 1   | tinyint
            smallint                 | 2   | smallint
            mediumint                | 9   | mediumint
            int                      | 3   | int
            bigint                   | 8   | bigint
            float                    | 4   | float
            double                   | 5   | double
            decimal(10,2)            | 246 | decimal
            date                     | 10  | date
            time(3)                  | 11  | time
            datetime(6)              | 12  | datetime
            timestamp NULL           | 7   | timestamp
            year                     | 13  | year
            bit(8)                   | 16  | bit
            json                     | 245 | json
            enum('a','b')            | 254 | enum
            set('a','b')             | 254 | set
            tinyblob                 | 252 | tinyblob
            tinytext                 | 252 | tinytext
            mediumblob               | 252 | mediumblob
            mediumtext               | 252 | mediumtext
            longblob                 | 252 | longblob
            longtext                 | 252 | longtext
            blob                     | 252 | blob
            text                     | 252 | text
            varchar(20)              | 253 | varchar
            varbinary(20)            | 253 | varbinary
            char(3)                  | 254 | char
            binary(3)                | 254 | binary
            geometry                 | 255 | geometry
            point                    | 255 | point
            linestring               | 255 | linestring
            polygon                  | 255 | polygon
            multipoint               | 255 | multipoint
            multilinestring          | 255 | multilinestring
            multipolygon             | 255 | multipolygon
            geometrycollection       | 255 | geometrycollection
            integer                  | 3   | int
            int unsigned             | 3   | int
            int(5) unsigned zerofill | 3   | int
            bigint unsigned          | 8   | bigint
            bool                     | 1   | tinyint
            boolean                  | 1   | tinyint
            int1                     | 1   | tinyint
            int2                     | 2   | smallint
            int3                     | 9   | mediumint
            middleint                | 9   | mediumint
            int4                     | 3   | int
            int8                     | 8   | bigint
            serial                   | 8   | bigint
            float4                   | 4   | float
            float8                   | 5   | double
            real                     | 5   | double
            double precision         | 5   | double
            dec(5,1)                 | 246 | decimal
            numeric(5,1)             | 246 | decimal
            fixed(5,1)               | 246 | decimal
            character(3)             | 254 | char
            nchar(3)                 | 254 | char
            national char(3)         | 254 | char
            char(3) binary           | 254 | char
            character varying(5)     | 253 | varchar
            nvarchar(5)              | 253 | varchar
            national varchar(5)      | 253 | varchar
            varchar(5) binary        | 253 | varchar
            long varchar             | 252 | mediumtext
            long                     | 252 | mediumtext
            long varbinary           | 252 | mediumblob
            geomcollection           | 255 | geometrycollection
            """)
    void mysqlTypeNamesMapToProtocolCodeAndDataType(String ddlType, int code, String dataType) {
        assertTypes(MYSQL, ddlType, code, dataType);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            int unsigned         | 3   | int
            varchar(20)          | 253 | varchar
            datetime(3)          | 12  | datetime
            bigint unsigned      | 8   | bigint
            boolean              | 1   | tinyint
            national char(3)     | 254 | char
            json                 | 252 | json
            enum('a','b')        | 254 | enum
            """)
    void mariadbTypeNamesMapToProtocolCodeAndDataType(String ddlType, int code, String dataType) {
        assertTypes(MARIADB, ddlType, code, dataType);
    }

    @Test
    void unknownTypeFailsNamingTheColumnAndTheType() {
        assertThatThrownBy(() -> MySqlColumnType.fromParameters(
                Map.of(MySqlColumnType.TYPE_PARAMETER, "VECTOR"), "`shop`.`items`.`embedding`"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("`shop`.`items`.`embedding`")
                .hasMessageContaining("'VECTOR'")
                .hasMessageContaining("column.exclude.list");
    }

    @Test
    void zerofillImpliesUnsignedAndTheDeclaredLengthIsKept() {
        MySqlColumnType type = MySqlColumnType.fromParameters(Map.of(MySqlColumnType.TYPE_PARAMETER, "INT ZEROFILL",
                MySqlColumnType.LENGTH_PARAMETER, "5"), "`shop`.`t`.`c`");

        assertThat(type).isEqualTo(new MySqlColumnType("INT ZEROFILL", MySqlBaseType.INT, true, true, 5, null, null));
    }

    private static void assertTypes(DebeziumConnectorFixture connector, String ddlType, int code, String dataType) {
        Struct event = (Struct) connector.table("CREATE TABLE shop.typed" + TABLES.incrementAndGet() + " (id int PRIMARY KEY, c " + ddlType + ")")
                .insert(BinlogPosition.at("mysql-bin.000001", 4L, 0), 1, null).value();

        CanalMessage message = new RowChangeConverter(new ColumnValueRenderer(ZoneOffset.UTC, BinaryEncoding.ISO_8859_1), CanalFormat.DTS, 0)
                .convert(event, Map.of(), List.of("id"), 0L);

        assertThat(message.sqlType()).containsEntry("c", code);
        assertThat(message.mysqlType()).containsEntry("c", dataType);
    }
}
