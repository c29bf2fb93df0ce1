package dev.binlogfc.source.canal.precheck;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.binlogfc.common.validation.ValidationReport;
import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.SourceType;
import dev.binlogfc.source.canal.config.TableName;

/**
 * The privileges of the connector's account: reading the binlog (REPLICATION SLAVE, and REPLICATION CLIENT, which
 * MariaDB calls BINLOG MONITOR), SELECT on every selected table, and SHOW VIEW. Reported on {@code database.user}.
 */
final class PrivilegeChecks {

    private static final String USER = DebeziumSettings.USER;

    private final SourceDatabase database;
    private final SourceType sourceType;
    private final ValidationReport report;

    PrivilegeChecks(SourceDatabase database, SourceType sourceType, ValidationReport report) {
        this.database = database;
        this.sourceType = sourceType;
        this.report = report;
    }

    /**
     * @param wholeDatabases the databases selected as a whole, tables created later included
     * @param selectedTables the tables of the selection that the account can see
     */
    void run(Collection<String> wholeDatabases, Collection<String> selectedDatabases,
            Collection<TableName> selectedTables) throws SQLException {
        String account = database.account();
        SourceDatabase.Grants grants = database.grants(account);
        checkBinlogPrivileges(account, grants);
        checkSelectOnDatabases(account, grants, wholeDatabases);
        checkSelect(account, grants, selectedTables);
        List<String> withoutShowView = selectedDatabases.stream()
                .filter(name -> !grants.hasOnDatabase("SHOW VIEW", name)).sorted().toList();
        if (!withoutShowView.isEmpty()) {
            report.warning("Account " + account + " lacks SHOW VIEW on " + withoutShowView + ", so view definitions"
                    + " cannot be read: " + withoutShowView.stream()
                            .map(name -> "GRANT SHOW VIEW ON " + TableName.quote(name) + ".* TO " + account)
                            .collect(Collectors.joining("; ")));
        }
    }

    private void checkBinlogPrivileges(String account, SourceDatabase.Grants grants) {
        String clientPrivilege = sourceType == SourceType.MARIADB ? "BINLOG MONITOR" : "REPLICATION CLIENT";
        List<String> missing = new ArrayList<>();
        if (!grants.has("REPLICATION SLAVE")) {
            missing.add("REPLICATION SLAVE");
        }
        if (!grants.has("REPLICATION CLIENT") && !grants.has("BINLOG MONITOR")) {
            missing.add(clientPrivilege);
        }
        if (!missing.isEmpty()) {
            report.error(USER, "Account " + account + " lacks " + String.join(" and ", missing) + ", which reading"
                    + " the binlog requires (privileges granted through roles are not seen): GRANT "
                    + String.join(", ", missing) + " ON *.* TO " + account);
        }
    }

    /**
     * information_schema, and so Debezium, shows an account only the tables it holds a privilege on: without SELECT
     * on the whole database, the tables it cannot see would silently not be synchronized.
     */
    private void checkSelectOnDatabases(String account, SourceDatabase.Grants grants, Collection<String> databases) {
        List<String> partlyReadable = databases.stream()
                .filter(name -> !grants.hasOnDatabase("SELECT", name)).sorted().toList();
        if (!partlyReadable.isEmpty()) {
            report.error(USER, "Account " + account + " lacks SELECT on the whole of database(s) " + partlyReadable
                    + ", so tables it has no privilege on are invisible to it and would not be synchronized: "
                    + partlyReadable.stream().map(name -> "GRANT SELECT ON " + TableName.quote(name) + ".* TO " + account)
                            .collect(Collectors.joining("; ")));
        }
    }

    private void checkSelect(String account, SourceDatabase.Grants grants, Collection<TableName> selectedTables) {
        List<TableName> unreadable = selectedTables.stream().filter(table -> !grants.hasOn("SELECT", table)).toList();
        if (unreadable.isEmpty()) {
            return;
        }
        Set<String> databases = new LinkedHashSet<>();
        unreadable.forEach(table -> databases.add(table.database()));
        report.error(USER, "Account " + account + " lacks SELECT on " + Listing.of(unreadable) + ": "
                + databases.stream().map(name -> "GRANT SELECT ON " + TableName.quote(name) + ".* TO " + account)
                        .collect(Collectors.joining("; ")));
    }
}
