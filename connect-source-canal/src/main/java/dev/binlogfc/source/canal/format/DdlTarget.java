package dev.binlogfc.source.canal.format;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database and table a DDL statement is about, read from the statement for the statements Debezium reports
 * without them: CREATE/DROP INDEX (which do not change the table's columns), and DROP VIEW, procedures, functions and
 * triggers (which Debezium passes on as database-level statements, with the session's default database).
 *
 * @param database the database the statement names, or null when it names the object alone
 * @param table the table (a view for view statements, the trigger's table for CREATE TRIGGER); null for procedures,
 *        functions and DROP TRIGGER, which belong to no table
 */
record DdlTarget(String database, String table) {

    private static final String IDENTIFIER = "(?:`(?:[^`]|``)+`|[\\w$]+)";
    private static final String QUALIFIED_NAME = "(" + IDENTIFIER + ")(?:\\s*\\.\\s*(" + IDENTIFIER + "))?";
    private static final Pattern INDEX_STATEMENT = Pattern.compile("(?is)^\\s*(?:CREATE\\s+(?:OR\\s+REPLACE\\s+)?"
            + "(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX|DROP\\s+INDEX)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?"
            + IDENTIFIER + "\\s+(?:ON|USING\\s+\\w+\\s+ON)\\s+" + QUALIFIED_NAME);
    private static final Pattern OBJECT_STATEMENT = Pattern.compile("(?is)^\\s*(?:CREATE|ALTER|DROP)\\s+"
            + "(?:OR\\s+REPLACE\\s+)?(?:ALGORITHM\\s*=\\s*\\S+\\s+)?(?:DEFINER\\s*=\\s*\\S+\\s+)?"
            + "(?:SQL\\s+SECURITY\\s+\\S+\\s+)?(?:AGGREGATE\\s+)?(VIEW|PROCEDURE|FUNCTION|TRIGGER)\\s+"
            + "(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?" + QUALIFIED_NAME);
    private static final Pattern TRIGGER_TABLE = Pattern.compile("(?is)\\s(?:BEFORE|AFTER)\\s+(?:INSERT|UPDATE|DELETE)"
            + "\\s+ON\\s+" + QUALIFIED_NAME);

    /** The target of an index, view, routine or trigger statement; empty for any other statement. */
    static Optional<DdlTarget> of(String ddl) {
        Matcher index = INDEX_STATEMENT.matcher(ddl);
        if (index.find()) {
            return Optional.of(qualified(index.group(1), index.group(2)));
        }
        Matcher object = OBJECT_STATEMENT.matcher(ddl);
        if (!object.find()) {
            return Optional.empty();
        }
        DdlTarget named = qualified(object.group(2), object.group(3));
        return Optional.of(switch (object.group(1).toUpperCase(Locale.ROOT)) {
            case "VIEW" -> named;
            case "TRIGGER" -> {
                Matcher on = TRIGGER_TABLE.matcher(ddl);
                yield on.find() ? qualified(on.group(1), on.group(2)).orDatabase(named.database())
                        : new DdlTarget(named.database(), null);
            }
            default -> new DdlTarget(named.database(), null);
        });
    }

    /** "name" or "qualifier.name". */
    private static DdlTarget qualified(String first, String second) {
        return second == null ? new DdlTarget(null, unquoted(first)) : new DdlTarget(unquoted(first), unquoted(second));
    }

    private DdlTarget orDatabase(String fallback) {
        return database == null ? new DdlTarget(fallback, table) : this;
    }

    private static String unquoted(String identifier) {
        return identifier.startsWith("`") ? identifier.substring(1, identifier.length() - 1).replace("``", "`") : identifier;
    }
}
