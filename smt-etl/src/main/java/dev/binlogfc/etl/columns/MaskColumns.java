package dev.binlogfc.etl.columns;

import dev.binlogfc.etl.record.CanalRecord;
import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.record.CanalValue;
import dev.binlogfc.etl.record.TableSelector;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Masks the values of chosen columns of the selected tables in data and old: a fixed text, a salted SHA-256 hash,
 * or all but the last N characters. SQL NULL stays null. A masked column is described as varchar (sqlType 253)
 * because its values are text now, whatever the column held.
 */
public class MaskColumns<R extends ConnectRecord<R>> extends CanalRecordTransformation<R> {
    public static final String COLUMNS_CONFIG = "columns";
    public static final String MODE_CONFIG = "mode";
    public static final String FIXED_VALUE_CONFIG = "fixed.value";
    public static final String HASH_SALT_CONFIG = "hash.salt";
    public static final String KEEP_LAST_CONFIG = "keep.last";
    private static final String MASKED_MYSQL_TYPE = "varchar";
    private static final int MASKED_SQL_TYPE = 253;

    public static final ConfigDef CONFIG_DEF = TableSelector.define(new ConfigDef())
            .define(COLUMNS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ColumnListValidator(true),
                    ConfigDef.Importance.HIGH, "Columns whose values are masked.")
            .define(MODE_CONFIG, ConfigDef.Type.STRING, "fixed",
                    ConfigDef.CaseInsensitiveValidString.in("fixed", "hash", "keep_last"), ConfigDef.Importance.HIGH,
                    "fixed: replace with fixed.value; hash: hex SHA-256 of hash.salt followed by the value;"
                            + " keep_last: replace all but the last keep.last characters with '*'.")
            .define(FIXED_VALUE_CONFIG, ConfigDef.Type.STRING, "****", new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.MEDIUM, "The text that replaces every value in mode fixed.")
            .define(HASH_SALT_CONFIG, ConfigDef.Type.PASSWORD, "", new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.MEDIUM, "Secret prefixed to each value before hashing in mode hash"
                            + " (required there), so that hashes cannot be looked up in precomputed tables.")
            .define(KEEP_LAST_CONFIG, ConfigDef.Type.INT, 4, ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.MEDIUM, "How many trailing characters mode keep_last leaves readable.");

    private TableSelector tables;
    private List<String> columns;
    private UnaryOperator<String> masker;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        tables = TableSelector.from(config);
        columns = List.copyOf(config.getList(COLUMNS_CONFIG));
        MaskMode mode = MaskMode.valueOf(config.getString(MODE_CONFIG).toUpperCase(Locale.ROOT));
        Password salt = config.getPassword(HASH_SALT_CONFIG);
        if (mode == MaskMode.HASH && salt.value().isEmpty()) {
            throw new ConfigException(HASH_SALT_CONFIG, salt, "mode hash needs a secret salt; without one a"
                    + " hash of a guessable value (a phone number, an e-mail) is easy to reverse");
        }
        masker = mode.masker(config.getString(FIXED_VALUE_CONFIG), salt.value(), config.getInt(KEEP_LAST_CONFIG));
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
