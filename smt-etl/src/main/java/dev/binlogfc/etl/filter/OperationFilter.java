package dev.binlogfc.etl.filter;

import dev.binlogfc.common.canal.CanalTypes;
import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.record.CanalValue;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;

/** Drops Canal records of the configured types; see {@link #OVERVIEW_DOC}. */
public class OperationFilter<R extends ConnectRecord<R>> extends CanalRecordTransformation<R> {
    public static final String DROP_TYPES_CONFIG = "drop.types";

    public static final String OVERVIEW_DOC = "Drops the Canal records whose type `drop.types` lists: INIT (rows of"
            + " the full copy), INSERT, UPDATE, DELETE, or DDL (every schema change record); records of the other"
            + " types pass on unchanged. Example: `transforms.noDeletes.drop.types=DELETE` keeps deleted rows at the"
            + " target. " + RECORD_FORMS_DOC;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DROP_TYPES_CONFIG, ConfigDef.Type.LIST, CanalTypes.DDL,
                    ConfigDef.LambdaValidator.with(OperationFilter::ensureTypes,
                            () -> "non-empty list of " + CanalTypes.ALL),
                    ConfigDef.Importance.HIGH, "Comma-separated Canal record types to drop, from " + CanalTypes.ALL
                            + "; records of other types pass unchanged.",
                    "Filter", 1, ConfigDef.Width.MEDIUM, "Record types to drop");

    private Set<String> dropTypes;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        dropTypes = new HashSet<>();
        for (String type : config.getList(DROP_TYPES_CONFIG)) {
            dropTypes.add(type.toUpperCase(Locale.ROOT));
        }
    }

    @Override
    protected R transform(R record, CanalValue value) {
        String type = value.record().isDdl() ? CanalTypes.DDL : value.record().type();
        return dropTypes.contains(type) ? null : record;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    private static void ensureTypes(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> types = (List<String>) value;
        if (types == null || types.isEmpty()) {
            throw new ConfigException(name, value,
                    "name at least one record type to drop, from " + CanalTypes.ALL);
        }
        for (String type : types) {
            if (!CanalTypes.ALL.contains(type.toUpperCase(Locale.ROOT))) {
                throw new ConfigException(name, value,
                        "'" + type + "' is not a Canal record type; use " + CanalTypes.ALL);
            }
        }
    }
}
