package dev.binlogfc.etl.columns;

import dev.binlogfc.etl.record.CanalRecord;
import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.record.CanalValue;
import dev.binlogfc.etl.record.TableSelector;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;

/** Renames columns of chosen tables; see {@link #OVERVIEW_DOC}. */
public class RenameColumns<R extends ConnectRecord<R>> extends CanalRecordTransformation<R> {
    public static final String RENAMES_CONFIG = "renames";

    public static final String OVERVIEW_DOC = "Renames columns in the row changes of the tables whose"
            + " `database.table` matches `tables`, everywhere they appear (`data`, `old`, `sqlType`, `mysqlType`,"
            + " `pkNames`) and in place; renaming onto a column the row already has fails the record instead of"
            + " merging the two. DDL records (their `sql` keeps the source's names) and the rows of other tables"
            + " pass on unchanged. Example: `transforms.rename.renames=mobile:phone,addr:address`. "
            + RECORD_FORMS_DOC;

    public static final ConfigDef CONFIG_DEF = TableSelector.define(new ConfigDef())
            .define(RENAMES_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with((name, value) -> parse(name, value),
                            () -> "non-empty list of from:to pairs, each column renamed at most once"),
                    ConfigDef.Importance.HIGH,
                    "Comma-separated from:to column renames, e.g. mobile:phone,addr:address.",
                    "Columns", 1, ConfigDef.Width.LONG, "Column renames");

    private TableSelector tables;
    private Map<String, String> renames;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        tables = TableSelector.from(config);
        renames = parse(RENAMES_CONFIG, config.getList(RENAMES_CONFIG));
    }

    @Override
    protected R transform(R record, CanalValue value) {
        CanalRecord canal = value.record();
        if (canal.isDdl() || !tables.selects(canal)) {
            return record;
        }
        CanalRecord edited = canal.editableCopy();
        renames.forEach(edited::renameColumn);
        return withValue(record, record.topic(), value, edited);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    private static Map<String, String> parse(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> pairs = (List<String>) value;
        if (pairs == null || pairs.isEmpty()) {
            throw new ConfigException(name, value, "name at least one from:to rename");
        }
        Map<String, String> renames = new LinkedHashMap<>();
        Set<String> targets = new HashSet<>();
        for (String pair : pairs) {
            String[] parts = pair.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigException(name, value, "'" + pair + "' is not a from:to pair of column names");
            }
            String from = parts[0].strip();
            String to = parts[1].strip();
            if (renames.put(from, to) != null) {
                throw new ConfigException(name, value, "column '" + from + "' is renamed twice");
            }
            if (!targets.add(to)) {
                throw new ConfigException(name, value, "two columns are renamed to '" + to + "'");
            }
        }
        // Chains such as a:b,b:c would depend on the order of application; each name may be a source or a target.
        for (String from : renames.keySet()) {
            if (targets.contains(from)) {
                throw new ConfigException(name, value, "column '" + from + "' is both renamed and a rename target;"
                        + " rename it in a separate transform");
            }
        }
        return renames;
    }
}
