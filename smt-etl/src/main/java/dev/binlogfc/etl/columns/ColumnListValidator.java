package dev.binlogfc.etl.columns;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts a list of column names without blank entries; optionally requires at least one. */
final class ColumnListValidator implements ConfigDef.Validator {
    private final boolean required;

    ColumnListValidator(boolean required) {
        this.required = required;
    }

    @Override
    public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> columns = (List<String>) value;
        if (required && (columns == null || columns.isEmpty())) {
            throw new ConfigException(name, value, "name at least one column");
        }
        if (columns != null && columns.stream().anyMatch(String::isBlank)) {
            throw new ConfigException(name, value, "a column name is blank; remove the stray comma");
        }
    }

    @Override
    public String toString() {
        return required ? "non-empty list of column names" : "list of column names";
    }
}
