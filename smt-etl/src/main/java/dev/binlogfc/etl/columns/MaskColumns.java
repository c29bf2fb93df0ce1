package dev.binlogfc.etl.columns;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.common.config.Recommenders;
import dev.binlogfc.etl.record.CanalRecord;
import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.record.CanalValue;
import dev.binlogfc.etl.record.TableSelector;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.ConnectRecord;

/** Masks the values of chosen columns of chosen tables; see {@link #OVERVIEW_DOC}. */
public class MaskColumns<R extends ConnectRecord<R>> extends CanalRecordTransformation<R> {
    public static final String COLUMNS_CONFIG = "columns";
    public static final String MODE_CONFIG = "mode";
    public static final String FIXED_VALUE_CONFIG = "fixed.value";
    public static final String HASH_SALT_CONFIG = "hash.salt";
    public static final String KEEP_LAST_CONFIG = "keep.last";
    private static final String MASKED_MYSQL_TYPE = "varchar";
    private static final int MASKED_SQL_TYPE = 253;

    public static final String OVERVIEW_DOC = "Masks the values of the listed `columns` in `data` and `old` of the"
            + " row changes of the tables whose `database.table` matches `tables`: `mode=fixed` replaces each value"
            + " with `fixed.value`, `mode=hash` with the lower-case hex SHA-256 of `hash.salt` followed by the value"
            + " (equal values stay joinable; the salt is required), `mode=keep-last` replaces all but the last"
            + " `keep.last` characters with `*`. SQL NULL stays null, and a masked column is described as varchar"
            + " (`sqlType` 253) since its values are text now. DDL records and the rows of other tables pass on"
            + " unchanged. Example: `transforms.maskPhone.columns=phone` with"
            + " `transforms.maskPhone.mode=keep-last`. " + RECORD_FORMS_DOC;

    private static final String MASKING_GROUP = "Masking";
    private static final EnumChoice<MaskMode> MODES = EnumChoice.of(MaskMode.class);

    public static final ConfigDef CONFIG_DEF = TableSelector.define(new ConfigDef())
            .define(COLUMNS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ColumnListValidator(true),
                    ConfigDef.Importance.HIGH, "Columns whose values are masked.",
                    "Columns", 1, ConfigDef.Width.LONG, "Columns to mask")
            .define(MODE_CONFIG, ConfigDef.Type.STRING, MaskMode.FIXED.value(), MODES.validator(),
                    ConfigDef.Importance.HIGH,
                    "fixed: replace with fixed.value; hash: hex SHA-256 of hash.salt followed by the value;"
                            + " keep-last: replace all but the last keep.last characters with '*'.",
                    MASKING_GROUP, 1, ConfigDef.Width.SHORT, "Mask mode",
                    List.of(FIXED_VALUE_CONFIG, HASH_SALT_CONFIG, KEEP_LAST_CONFIG), MODES.recommender())
            .define(FIXED_VALUE_CONFIG, ConfigDef.Type.STRING, "****", new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.MEDIUM, "The text that replaces every value in mode fixed.",
                    MASKING_GROUP, 2, ConfigDef.Width.MEDIUM, "Fixed value", List.of(), usedBy(MaskMode.FIXED))
            .define(HASH_SALT_CONFIG, ConfigDef.Type.PASSWORD, "", new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.MEDIUM, "Secret prefixed to each value before hashing in mode hash"
                            + " (required there), so that hashes cannot be looked up in precomputed tables.",
                    MASKING_GROUP, 3, ConfigDef.Width.MEDIUM, "Hash salt", List.of(), usedBy(MaskMode.HASH))
            .define(KEEP_LAST_CONFIG, ConfigDef.Type.INT, 4, ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.MEDIUM, "How many trailing characters mode keep-last leaves readable.",
                    MASKING_GROUP, 4, ConfigDef.Width.SHORT, "Characters kept", List.of(), usedBy(MaskMode.KEEP_LAST));

    private TableSelector tables;
    private List<String> columns;
    private UnaryOperator<String> masker;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        tables = TableSelector.from(config);
        columns = List.copyOf(config.getList(COLUMNS_CONFIG));
        MaskMode mode = MODES.parse(MODE_CONFIG, config.getString(MODE_CONFIG));
        Password salt = config.getPassword(HASH_SALT_CONFIG);
        if (mode == MaskMode.HASH && salt.value().isEmpty()) {
            throw new ConfigException(HASH_SALT_CONFIG, salt, "mode hash needs a secret salt; without one a"
                    + " hash of a guessable value (a phone number, an e-mail) is easy to reverse");
        }
        masker = mode.masker(config.getString(FIXED_VALUE_CONFIG), salt.value(), config.getInt(KEEP_LAST_CONFIG));
    }

    /** Shows a setting only while the mode that reads it is chosen. */
    private static ConfigDef.Recommender usedBy(MaskMode mode) {
        return Recommenders.visibleWhen(MODES.when(MODE_CONFIG, mode));
    }

    @Override
    protected R transform(R record, CanalValue value) {
        CanalRecord canal = value.record();
        if (canal.isDdl() || !tables.selects(canal)) {
            return record;
        }
        CanalRecord edited = canal.editableCopy();
        for (String column : columns) {
            edited.replaceValues(column, masker);
            edited.setColumnType(column, MASKED_MYSQL_TYPE, MASKED_SQL_TYPE);
        }
        return withValue(record, record.topic(), value, edited);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
