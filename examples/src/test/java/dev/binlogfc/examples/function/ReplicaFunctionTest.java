package dev.binlogfc.examples.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The example function's handler on a real MariaDB target, fed batches as the FC sink sends them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class ReplicaFunctionTest {
    private static final String TYPES = "\"mysqlType\":{\"name\":\"varchar\",\"age\":\"int\",\"photo\":\"varbinary\",\"flags\":\"bit\"}";

    private MariaDbServer target;
    private ReplicaFunction function;

    @BeforeAll
    void startTarget() {
        target = MariaDbServer.start(new MariaDbServerOptions().serverId(2));
        function = new ReplicaFunction(new TargetDatabase(target.jdbcUrl(""), "root", ""));
    }

    @AfterAll
    void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void emptyTable() {
        target.execute("CREATE DATABASE IF NOT EXISTS shop",
                "CREATE OR REPLACE TABLE shop.people (name VARCHAR(20) NOT NULL PRIMARY KEY, age INT, photo VARBINARY(8), flags BIT(8))");
    }

    @Test
    void rowChangesApplyByKeyAndTwiceIsLikeOnce() throws IOException {
        String batch = batch(
                row("INIT", "{\"name\":\"a\",\"age\":\"1\",\"photo\":\"\\u00ff\\u0000\",\"flags\":\"5\"}", null),
                row("INSERT", "{\"name\":\"b\",\"age\":null,\"photo\":null,\"flags\":null}", null),
                row("UPDATE", "{\"name\":\"a\",\"age\":\"2\",\"photo\":\"\\u00ff\\u0000\",\"flags\":\"5\"}",
                        "{\"name\":\"a\",\"age\":\"1\",\"photo\":\"\\u00ff\\u0000\",\"flags\":\"5\"}"),
                row("DELETE", "{\"name\":\"b\",\"age\":null,\"photo\":null,\"flags\":null}", null));

        assertThat(invoke(batch)).isEqualTo("{\"applied\":4}");
        invoke(batch);

        assertThat(target.query("SELECT name, age, HEX(photo) AS photo, flags + 0 AS flags FROM shop.people"))
                .containsExactly(Map.of("name", "a", "age", "2", "photo", "FF00", "flags", "5"));
    }

    @Test
    void anUpdateThatChangesTheKeyMovesTheRow() throws IOException {
        target.execute("INSERT INTO shop.people (name, age) VALUES ('old', 7)");

        invoke(batch(row("UPDATE", "{\"name\":\"new\",\"age\":\"7\",\"photo\":null,\"flags\":null}",
                "{\"name\":\"old\",\"age\":\"7\",\"photo\":null,\"flags\":null}")));

        assertThat(target.query("SELECT name, age FROM shop.people")).containsExactly(Map.of("name", "new", "age", "7"));
    }

    @Test
    void ddlRunsInTheRecordsDatabaseAndARedeliveredDdlIsSkipped() throws IOException {
        String ddl = batch("{\"database\":\"newdb\",\"table\":\"t\",\"pkNames\":[],\"isDdl\":true,\"type\":\"DDL\","
                + "\"sql\":\"CREATE TABLE t (id INT PRIMARY KEY)\",\"data\":null,\"old\":null}");

        invoke(ddl);
        invoke(ddl);

        assertThat(target.query("SHOW TABLES FROM newdb")).containsExactly(Map.of("Tables_in_newdb", "t"));
    }

    @Test
    void aFailingBatchRollsBackAndFailsTheInvocation() {
        String batch = batch(row("INSERT", "{\"name\":\"c\",\"age\":\"3\",\"photo\":null,\"flags\":null}", null),
                row("INSERT", "{\"name\":\"d\",\"age\":\"not a number\",\"photo\":null,\"flags\":null}", null));

        assertThatThrownBy(() -> invoke(batch)).isInstanceOf(IOException.class).hasMessageContaining("applying 2 records");
        assertThat(target.query("SELECT name FROM shop.people")).isEmpty();
    }

    @Test
    void badInputIsRejectedWithWhatIsWrong() {
        assertThatThrownBy(() -> invoke("{\"records\":[]}")).hasMessageContaining("{\"Records\":[...]}");
        assertThatThrownBy(() -> invoke(batch("{\"database\":\"shop\",\"table\":\"people\",\"type\":\"UPSERT\"}")))
                .hasMessageContaining("Records[0] has type 'UPSERT'");
        assertThatThrownBy(() -> invoke(batch("{\"database\":\"shop\",\"table\":\"people\",\"pkNames\":[],\"type\":\"INSERT\","
                + "\"data\":[{\"name\":\"x\"}]}"))).hasMessageContaining("shop.people has no primary key");
        assertThatThrownBy(() -> invoke(batch("{\"database\":\"shop\",\"table\":\"people\",\"pkNames\":[\"name\"],"
                + "\"type\":\"INSERT\",\"data\":{\"name\":\"x\"}}"))).hasMessageContaining("Records[0].data must be an array");
    }

    private String invoke(String event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output,
                new LocalContext("test-request", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        return output.toString(StandardCharsets.UTF_8);
    }

    private static String row(String type, String data, String old) {
        return "{\"database\":\"shop\",\"table\":\"people\",\"pkNames\":[\"name\"],\"isDdl\":false,\"type\":\"" + type
                + "\",\"sql\":\"\"," + TYPES + ",\"data\":[" + data + "],\"old\":" + (old == null ? "null" : "[" + old + "]") + "}";
    }

    private static String batch(String... records) {
        return "{\"Records\":[" + String.join(",", List.of(records)) + "]}";
    }
}
