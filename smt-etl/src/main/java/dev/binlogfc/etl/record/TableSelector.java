package dev.binlogfc.etl.record;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Which tables a column transform applies to: a regular expression matched against the whole {@code database.table}. */
public final class TableSelector {
    public static final String TABLES_CONFIG = "tables";
    private static final String TABLES_DOC = "Regular expression matched against the whole 'database.table' name;"
            + " the transform changes only the records of matching tables (chain one instance per table group).";

    private final Pattern tables;

    private TableSelector(Pattern tables) {
        this.tables = tables;
    }

    /** Adds the {@code tables} key to {@code def}, in a group of its own ahead of the transform's keys. */
    public static ConfigDef define(ConfigDef def) {
        return def.define(TABLES_CONFIG, ConfigDef.Type.STRING, ".*", RegexValidator.INSTANCE,
                ConfigDef.Importance.HIGH, TABLES_DOC, "Tables", 1, ConfigDef.Width.LONG, "Tables");
    }

    public static TableSelector from(AbstractConfig config) {
        return new TableSelector(Pattern.compile(config.getString(TABLES_CONFIG)));
    }

    public boolean selects(CanalRecord record) {
        return tables.matcher(record.qualifiedTable()).matches();
    }
}
