package dev.binlogfc.etl.columns;

import dev.binlogfc.etl.record.CanalRecord;
import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.record.CanalValue;
import dev.binlogfc.etl.record.TableSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;

/** Keeps only the included columns, or drops the excluded ones, of chosen tables; see {@link #OVERVIEW_DOC}. */
public class SelectColumns<R extends ConnectRecord<R>> extends CanalRecordTransformation<R> {
    public static final String INCLUDE_CONFIG = "include";
    public static final String EXCLUDE_CONFIG = "exclude";

    public static final String OVERVIEW_DOC = "Keeps only the columns `include` lists, or drops those `exclude`"
            + " lists, in the row changes of the tables whose `database.table` matches `tables`: a dropped column"
            + " disappears from `data`, `old`, `sqlType`, `mysqlType` and `pkNames`. It is DTS's answer to rows too"
            + " large for the function. DDL records and the rows of other tables pass on unchanged. Example:"
            + " `transforms.noBlobs.exclude=invoice_pdf,photo`. " + RECORD_FORMS_DOC;

    private static final String GROUP = "Columns";

    public static final ConfigDef CONFIG_DEF = TableSelector.define(new ConfigDef())
            .define(INCLUDE_CONFIG, ConfigDef.Type.LIST, List.of(), new ColumnListValidator(false),
                    ConfigDef.Importance.HIGH, "Columns to keep (all others are dropped); empty keeps every column"
                            + " not listed in exclude.",
                    GROUP, 1, ConfigDef.Width.LONG, "Columns to keep")
            .define(EXCLUDE_CONFIG, ConfigDef.Type.LIST, List.of(), new ColumnListValidator(false),
                    ConfigDef.Importance.HIGH, "Columns to drop; cannot be combined with include.",
                    GROUP, 2, ConfigDef.Width.LONG, "Columns to drop");

    private TableSelector tables;
    private Set<String> include;
    private Set<String> exclude;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        tables = TableSelector.from(config);
        include = new HashSet<>(config.getList(INCLUDE_CONFIG));
        exclude = new HashSet<>(config.getList(EXCLUDE_CONFIG));
        if (!include.isEmpty() && !exclude.isEmpty()) {
            throw new ConfigException("set either " + INCLUDE_CONFIG + " or " + EXCLUDE_CONFIG + ", not both");
        }
    }

    @Override
    protected R transform(R record, CanalValue value) {
        CanalRecord canal = value.record();
        if (canal.isDdl() || !tables.selects(canal)) {
            return record;
        }
        List<String> dropped = new ArrayList<>();
        for (String column : canal.columns()) {
            if (include.isEmpty() ? exclude.contains(column) : !include.contains(column)) {
                dropped.add(column);
            }
        }
        if (dropped.isEmpty()) {
            return record;
        }
        CanalRecord edited = canal.editableCopy();
        dropped.forEach(edited::removeColumn);
        return withValue(record, record.topic(), value, edited);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
