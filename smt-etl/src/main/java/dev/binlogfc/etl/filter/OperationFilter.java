package dev.binlogfc.etl.filter;

import dev.binlogfc.common.canal.CanalTypes;
import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.record.CanalValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/** Drops Canal records of the configured types; see {@link #OVERVIEW_DOC}. */
public class OperationFilter<R extends ConnectRecord<R>> extends CanalRecordTransformation<R> {
    public static final String DROP_TYPES_CONFIG = "drop.types";
    private static final EnumChoice<RecordType> RECORD_TYPES = EnumChoice.of(RecordType.class);

    public static final String OVERVIEW_DOC = "Drops the Canal records whose type `drop.types` lists: init (rows of"
            + " the full copy, type INIT), insert, update, delete, or ddl (every schema change record); records of"
            + " the other types pass on unchanged. Example: `transforms.noDeletes.drop.types=delete` keeps deleted"
            + " rows at the target. " + RECORD_FORMS_DOC;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DROP_TYPES_CONFIG, ConfigDef.Type.LIST, RecordType.DDL.value(),
                    RECORD_TYPES.nonEmptyListValidator(), ConfigDef.Importance.HIGH,
                    "Comma-separated Canal record types to drop, from " + String.join(", ", RECORD_TYPES.values())
                            + "; records of other types pass unchanged.",
                    "Filter", 1, ConfigDef.Width.MEDIUM, "Record types to drop", List.of(),
                    RECORD_TYPES.recommender());

    private Set<String> dropTypes;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        dropTypes = RECORD_TYPES.parseList(DROP_TYPES_CONFIG, config.getList(DROP_TYPES_CONFIG)).stream()
                .map(RecordType::canalType).collect(Collectors.toUnmodifiableSet());
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
}
