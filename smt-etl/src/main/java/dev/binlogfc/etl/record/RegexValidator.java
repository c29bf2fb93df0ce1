package dev.binlogfc.etl.record;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts a Java regular expression, and rejects one that does not compile with the position of the error. */
public final class RegexValidator implements ConfigDef.Validator {
    public static final RegexValidator INSTANCE = new RegexValidator();

    private RegexValidator() {
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            throw new ConfigException(name, null, "a regular expression is required");
        }
        try {
            Pattern.compile((String) value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(name, value, "not a valid regular expression: " + e.getDescription()
                    + " at index " + e.getIndex());
        }
    }

    @Override
    public String toString() {
        return "a Java regular expression";
    }
}
