package dev.binlogfc.source.canal.precheck;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.binlogfc.common.validation.ValidationReport;
import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.config.SourceType;
import dev.binlogfc.source.canal.config.TableName;

/**
 * The selected objects: listed databases and tables exist, every selected table has a row key (a primary key or a
 * unique key over NOT NULL columns), and no selected table has invisible columns.
 */
final class ObjectChecks {

    private static final Pattern INVISIBLE = Pattern.compile("\\s+INVISIBLE\\b", Pattern.CASE_INSENSITIVE);

    private final SourceDatabase database;
    private final CanalSourceConfig config;
    private final String selectionKey;
    private final ValidationReport report;

    /** @param selectionKey the config key that selects the objects, on which problems with them are reported */
    ObjectChecks(SourceDatabase database, CanalSourceConfig config, String selectionKey, ValidationReport report) {
        this.database = database;
        this.config = config;
        this.selectionKey = selectionKey;
        this.report = report;
    }

    void checkListedObjectsExist(Set<String> visibleDatabases) throws SQLException {
        List<String> missingDatabases = config.databases().stream()
                .filter(name -> !visibleDatabases.contains(name)).toList();
        if (!missingDatabases.isEmpty()) {
            report.error(CanalSourceConfig.DATABASES_CONFIG, "Database(s) " + Listing.of(missingDatabases) + " do not"
                    + " exist or the account cannot see them: correct the names, or grant access, e.g. GRANT SELECT ON "
                    + TableName.quote(missingDatabases.get(0)) + ".* TO <account>");
        }
        List<TableName> listedTables = config.tables();
        if (listedTables.isEmpty()) {
            return;
        }
        Set<String> listedDatabases = listedTables.stream().map(TableName::database).collect(Collectors.toSet());
        Set<TableName> existing = Set.copyOf(database.tables(listedDatabases));
        List<TableName> missingTables = listedTables.stream().filter(table -> !existing.contains(table)).toList();
        if (!missingTables.isEmpty()) {
            report.error(CanalSourceConfig.TABLES_CONFIG, "Table(s) " + Listing.of(missingTables) + " do not exist or"
                    + " the account cannot see them: correct the names (database.table), or grant access, e.g."
                    + " GRANT SELECT ON " + missingTables.get(0).quoted() + " TO <account>");
        }
    }

    void checkRowKeys(Collection<String> selectedDatabases, Collection<TableName> selectedTables) throws SQLException {
        Set<TableName> keyed = database.tablesWithRowKey(selectedDatabases);
        List<TableName> keyless = selectedTables.stream().filter(table -> !keyed.contains(table)).toList();
        if (!keyless.isEmpty()) {
            report.error(selectionKey, "Table(s) without a primary key or a unique key on NOT NULL columns: "
                    + Listing.of(keyless) + "; their UPDATE and DELETE events cannot name the row they change. Add"
                    + " one, e.g. ALTER TABLE " + keyless.get(0).quoted() + " ADD PRIMARY KEY (<columns>), or leave"
                    + " the table(s) out of the selection");
        }
    }

    void checkInvisibleColumns(Collection<String> selectedDatabases, Collection<TableName> selectedTables)
            throws SQLException {
        Map<TableName, List<String>> invisible = database.invisibleColumns(selectedDatabases);
        List<String> fixes = new ArrayList<>();
        for (TableName table : selectedTables) {
            List<String> columns = invisible.get(table);
            if (columns != null) {
                fixes.add(makeVisible(table, columns));
            }
        }
        if (!fixes.isEmpty()) {
            report.error(selectionKey, "Invisible columns (including generated invisible primary keys) are not"
                    + " delivered; make them visible: " + Listing.of(fixes));
        }
    }

    /**
     * MySQL has {@code ALTER COLUMN ... SET VISIBLE}; MariaDB does not, so its fix restates each column's definition
     * from SHOW CREATE TABLE without the INVISIBLE attribute.
     */
    private String makeVisible(TableName table, List<String> columns) throws SQLException {
        if (config.sourceType() == SourceType.MYSQL) {
            return "ALTER TABLE " + table.quoted() + columns.stream()
                    .map(column -> " ALTER COLUMN " + TableName.quote(column) + " SET VISIBLE")
                    .collect(Collectors.joining(","));
        }
        String createTable = database.createTableStatement(table);
        List<String> modifications = new ArrayList<>();
        for (String column : columns) {
            String quoted = TableName.quote(column);
            createTable.lines().map(String::trim).filter(line -> line.startsWith(quoted + " ")).findFirst()
                    .ifPresent(line -> modifications.add(" MODIFY COLUMN " + visibleDefinition(line)));
        }
        return "ALTER TABLE " + table.quoted() + String.join(",", modifications);
    }

    private static String visibleDefinition(String columnLine) {
        String definition = columnLine.endsWith(",") ? columnLine.substring(0, columnLine.length() - 1) : columnLine;
        return INVISIBLE.matcher(definition).replaceAll("");
    }
}
