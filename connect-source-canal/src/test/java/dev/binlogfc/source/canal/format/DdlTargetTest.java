package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DdlTargetTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "CREATE UNIQUE INDEX idx ON `shop`.`odd``name` (a)                                      | shop | odd`name",
            "DROP INDEX idx ON items                                                                 | -    | items",
            "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`%` SQL SECURITY DEFINER VIEW `shop`.`v` AS SELECT 1 | shop | v",
            "DROP VIEW IF EXISTS shop.v                                                              | shop | v",
            "CREATE DEFINER=`root`@`%` TRIGGER shop.tr BEFORE INSERT ON items FOR EACH ROW SET NEW.a = 1 | shop | items",
            "CREATE TRIGGER tr AFTER UPDATE ON shop.items FOR EACH ROW SET @x = 1                    | shop | items",
            "DROP TRIGGER shop.tr                                                                    | shop | -",
            "CREATE DEFINER=`root`@`%` PROCEDURE `shop`.`p`() SELECT 1                               | shop | -",
            "DROP FUNCTION IF EXISTS f                                                               | -    | -" })
    void namesTheDatabaseAndTableTheStatementIsAbout(String ddl, String database, String table) {
        assertThat(DdlTarget.of(ddl)).contains(new DdlTarget(database, table));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "ALTER TABLE shop.items ADD COLUMN a INT", "CREATE TABLE t (id INT)",
            "SET character_set_server=utf8mb4" })
    void statementsDebeziumAttributesItselfHaveNone(String ddl) {
        assertThat(DdlTarget.of(ddl)).isEmpty();
    }
}
