package dev.binlogfc.source.canal.config;

import java.util.regex.Pattern;

/** A table qualified by its database, written {@code database.table} in the configuration. */
public record TableName(String database, String table) {

    /** Parses {@code database.table}; the first dot separates the two, so table names may contain dots. */
    public static TableName parse(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException("'" + qualified + "' is not database.table");
        }
        return new TableName(qualified.substring(0, dot).trim(), qualified.substring(dot + 1).trim());
    }

    /** The name as SQL reads it, each part in backquotes: {@code `shop`.`orders`}. */
    public String quoted() {
        return quote(database) + "." + quote(table);
    }

    /** A Debezium include/exclude list entry matching exactly this table. */
    public String regex() {
        return Pattern.quote(database) + "\\." + Pattern.quote(table);
    }

    @Override
    public String toString() {
        return database + "." + table;
    }

    /** An identifier in backquotes, with backquotes inside it doubled as MySQL requires. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
