package dev.binlogfc.etl.filter;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Compiles the expression at validation time, so a bad one is rejected by the Connect REST API's validate call. */
final class RowExpressionValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        try {
            RowExpression.compile((String) value);
        } catch (InvalidRowExpressionException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "a JEXL boolean expression over type, database, table, isDdl, data.column and old.column";
    }
}
