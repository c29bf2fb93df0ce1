package dev.binlogfc.examples.function;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;

/**
 * Where the replica writes: a MySQL or MariaDB reached through the MariaDB JDBC driver. In Function Compute the
 * function reads it from the environment variables {@value #URL_VARIABLE}, {@value #USER_VARIABLE} and
 * {@value #PASSWORD_VARIABLE}.
 */
public record TargetDatabase(String jdbcUrl, String user, String password) {
    public static final String URL_VARIABLE = "TARGET_JDBC_URL";
    public static final String USER_VARIABLE = "TARGET_USER";
    public static final String PASSWORD_VARIABLE = "TARGET_PASSWORD";

    public TargetDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:mariadb:") && !jdbcUrl.startsWith("jdbc:mysql:")) {
            throw new IllegalArgumentException("the target JDBC URL must start with jdbc:mariadb: or jdbc:mysql:, e.g. "
                    + "jdbc:mariadb://replica.example.com:3306/, not " + jdbcUrl);
        }
    }

    /** The target named by the environment; fails naming the variable that is not set. */
    public static TargetDatabase fromEnvironment(Map<String, String> environment) {
        return new TargetDatabase(required(environment, URL_VARIABLE), required(environment, USER_VARIABLE),
                environment.getOrDefault(PASSWORD_VARIABLE, ""));
    }

    public Connection connect() throws SQLException {
        // The MariaDB driver also speaks to MySQL; it accepts jdbc:mysql: URLs only when told to.
        String url = jdbcUrl.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + jdbcUrl.substring("jdbc:mysql:".length()) : jdbcUrl;
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public String toString() {
        return "TargetDatabase[" + jdbcUrl + ", user " + user + "]";
    }

    private static String required(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " is not set: the replica function "
                    + "needs " + URL_VARIABLE + ", " + USER_VARIABLE + " and " + PASSWORD_VARIABLE);
        }
        return value;
    }
}
