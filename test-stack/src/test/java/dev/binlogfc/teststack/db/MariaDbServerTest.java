package dev.binlogfc.teststack.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class MariaDbServerTest {

    private static MariaDbServer server;

    @BeforeAll
    static void startServer() {
        server = MariaDbServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void defaultsAreWhatABinlogReaderNeeds() {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.jdbcUrl("shop")).isEqualTo("jdbc:mariadb://127.0.0.1:" + server.port() + "/shop");
        assertThat(server.globalVariable("log_bin")).isEqualTo("1");
        assertThat(server.globalVariable("binlog_format")).isEqualTo("ROW");
        assertThat(server.globalVariable("binlog_row_image")).isEqualTo("FULL");
        assertThat(server.globalVariable("server_id")).isEqualTo("1");
        assertThat(server.globalVariable("character_set_server")).isEqualTo("utf8mb4");
        assertThat(server.globalVariable("bind_address")).isEqualTo("127.0.0.1");
    }

    @Test
    void executesStatementsAndReturnsRowsAsStrings() {
        server.execute("CREATE DATABASE rows_db",
                "CREATE TABLE rows_db.t (id INT PRIMARY KEY, name VARCHAR(20), note TEXT)",
                "INSERT INTO rows_db.t VALUES (1, 'zoë 😀', NULL), (2, 'b', 'x')");

        List<Map<String, String>> rows = server.query("SELECT id, name, note FROM rows_db.t ORDER BY id");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsOnlyKeys("id", "name", "note")
                .containsEntry("id", "1").containsEntry("name", "zoë 😀").containsEntry("note", null);
        assertThat(rows.get(1)).containsEntry("note", "x");
    }

    @Test
    void failingStatementNamesTheStatement() {
        assertThatThrownBy(() -> server.execute("SELECT * FROM no_such_db.no_such_table"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no_such_db.no_such_table");
    }

    @Test
    void debeziumUserHasTheReplicationPrivilegesAndCanLogIn() throws Exception {
        server.createDebeziumUser("dbz", "it's secret");

        String grants = server.query("SHOW GRANTS FOR 'dbz'@'%'").get(0).values().iterator().next();
        assertThat(grants).contains("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "BINLOG MONITOR",
                "LOCK TABLES");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(""), "dbz", "it's secret")) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void createUserRejectsSomethingThatIsNotAPrivilege() {
        assertThatThrownBy(() -> server.createUser("u", "p", "SELECT ON shop.*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SELECT ON shop.*");
    }

    @Test
    void serverVariablesCanBeOverriddenOnPurpose() {
        MariaDbServerOptions options = new MariaDbServerOptions()
                .serverId(42)
                .variable("binlog-format", "STATEMENT")
                .variable("binlog_row_image", "MINIMAL")
                .variable("binlog_expire_logs_seconds", "600");

        try (MariaDbServer statementServer = MariaDbServer.start(options)) {
            assertThat(statementServer.globalVariable("server_id")).isEqualTo("42");
            assertThat(statementServer.globalVariable("binlog_format")).isEqualTo("STATEMENT");
            assertThat(statementServer.globalVariable("binlog_row_image")).isEqualTo("MINIMAL");
            assertThat(statementServer.globalVariable("binlog_expire_logs_seconds")).isEqualTo("600");
        }
    }

    @Test
    void closeDeletesTheDataDirectory() {
        Path dataDir;
        try (MariaDbServer shortLived = MariaDbServer.start()) {
            dataDir = Path.of(shortLived.globalVariable("datadir"));
            assertThat(dataDir).isDirectory();
        }
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void variablesTheServerWiresItselfCannotBeOverridden() {
        assertThatThrownBy(() -> new MariaDbServerOptions().variable("port", "3306"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new MariaDbServerOptions().variable("binlog_format=ROW", "ROW"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binlog_format=ROW");
    }
}
