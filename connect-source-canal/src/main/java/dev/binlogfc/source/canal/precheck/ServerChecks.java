package dev.binlogfc.source.canal.precheck;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.binlogfc.common.validation.ValidationReport;
import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.SourceType;

/**
 * The server-wide prerequisites of reading the binlog: the right connector for the server, binary logging in ROW
 * format with full row images, logs kept long enough, and a replica's replicated changes in its own binlog.
 * Problems are reported on {@code database.hostname}, the server they concern.
 */
final class ServerChecks {

    private static final List<String> VARIABLES = List.of("version", "log_bin", "binlog_format", "binlog_row_image",
            "binlog_expire_logs_seconds", "expire_logs_days", "log_slave_updates", "log_replica_updates");
    private static final long SECONDS_PER_HOUR = 3600;
    private static final String SERVER = DebeziumSettings.HOSTNAME;

    private final SourceDatabase database;
    private final CanalSourceConfig config;
    private final ValidationReport report;

    ServerChecks(SourceDatabase database, CanalSourceConfig config, ValidationReport report) {
        this.database = database;
        this.config = config;
        this.report = report;
    }

    void run() throws SQLException {
        Map<String, String> variables = database.globalVariables(VARIABLES);
        checkSourceType(variables.getOrDefault("version", ""));
        if (!"ON".equalsIgnoreCase(variables.get("log_bin"))) {
            report.error(SERVER, "Binary logging is off (log_bin=OFF), so there are no changes to read: add log_bin"
                    + " (e.g. log_bin=mysql-bin) and a unique server_id under [mysqld] in the server's configuration"
                    + " file and restart the server; log_bin cannot be turned on at runtime");
        }
        requireValue(variables, "binlog_format", "ROW", "statement-based and mixed logging do not record the"
                + " changed rows");
        requireValue(variables, "binlog_row_image", "FULL", "other row images leave out the unchanged columns of"
                + " UPDATE and DELETE events");
        checkRetention(variables);
        checkReplicaUpdates(variables);
    }

    private void checkSourceType(String version) {
        boolean mariaDb = version.toLowerCase(Locale.ROOT).contains("mariadb");
        SourceType actual = mariaDb ? SourceType.MARIADB : SourceType.MYSQL;
        if (actual != config.sourceType()) {
            report.error(CanalSourceConfig.SOURCE_TYPE_CONFIG, "The server is " + (mariaDb ? "MariaDB" : "MySQL") + " "
                    + version + ", but source.type is " + config.sourceType().value() + ": set source.type="
                    + actual.value());
        }
    }

    private void requireValue(Map<String, String> variables, String name, String required, String why) {
        String value = variables.get(name);
        if (value != null && !required.equalsIgnoreCase(value)) {
            report.error(SERVER, name + " is " + value + ", but must be " + required + " (" + why + "): run SET GLOBAL "
                    + name + " = '" + required + "' and set " + name + "=" + required + " under [mysqld] in the"
                    + " server's configuration file so that it survives a restart (MySQL 8: SET PERSIST " + name
                    + " = '" + required + "' does both; managed databases: change the parameter in the console);"
                    + " sessions already open keep the old value until they reconnect");
        }
    }

    private void checkRetention(Map<String, String> variables) {
        long seconds = retentionSeconds(variables);
        if (seconds == 0) {
            return;
        }
        long errorHours = config.retentionErrorHours();
        long warningHours = config.retentionWarningHours();
        if (errorHours > 0 && seconds < errorHours * SECONDS_PER_HOUR) {
            report.error(SERVER, retentionMessage(variables, seconds, errorHours, "must be kept at least"));
        } else if (warningHours > 0 && seconds < warningHours * SECONDS_PER_HOUR) {
            report.warning(retentionMessage(variables, seconds, warningHours, "should be kept at least"));
        }
    }

    /** Seconds the server keeps binary logs; 0 when it never purges them on its own. */
    private static long retentionSeconds(Map<String, String> variables) {
        long seconds = (long) parseNumber(variables.get("binlog_expire_logs_seconds"));
        if (seconds > 0) {
            return seconds;
        }
        return Math.round(parseNumber(variables.get("expire_logs_days")) * 24 * SECONDS_PER_HOUR);
    }

    private static double parseNumber(String value) {
        return value == null || value.isBlank() ? 0 : Double.parseDouble(value.trim());
    }

    private static String retentionMessage(Map<String, String> variables, long seconds, long hours, String rule) {
        boolean hasSeconds = variables.containsKey("binlog_expire_logs_seconds");
        String fix = hasSeconds
                ? "SET GLOBAL binlog_expire_logs_seconds = " + hours * SECONDS_PER_HOUR
                : "SET GLOBAL expire_logs_days = " + (hours + 23) / 24;
        return "Binary logs are purged after " + seconds / SECONDS_PER_HOUR + " hours, but " + rule + " " + hours
                + " hours so that a stopped connector can resume without losing changes: run " + fix
                + " and set it in the server's configuration file (managed databases: raise the binlog retention"
                + " in the console)";
    }

    private void checkReplicaUpdates(Map<String, String> variables) {
        String value = variables.getOrDefault("log_replica_updates", variables.get("log_slave_updates"));
        if (value == null || "ON".equalsIgnoreCase(value)) {
            return;
        }
        boolean replica;
        try {
            replica = database.isReplica(config.sourceType());
        } catch (SQLException e) {
            report.warning("Could not tell whether the server is a replica (" + e.getMessage() + "): if it"
                    + " replicates from another server, log_slave_updates (log_replica_updates) must be ON, or the"
                    + " replicated changes are missing from its binlog");
            return;
        }
        if (replica) {
            report.error(SERVER, "The server is a replica (or dual-primary) and log_slave_updates is OFF, so the"
                    + " changes it replicates are missing from its binlog: set log_slave_updates=ON (MySQL 8.0.26+:"
                    + " log_replica_updates=ON) under [mysqld] in the server's configuration file and restart it");
        }
    }
}
