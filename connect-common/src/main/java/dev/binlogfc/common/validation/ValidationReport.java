package dev.binlogfc.common.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * What a connector's own checks found beyond Connect's validation of each setting: errors, each on the config key to
 * change, which block the connector; and warnings, which do not.
 */
public final class ValidationReport {

    /**
     * The validation entry whose value lists the warnings, one per line, never an error: Connect's validation has no
     * place for a warning on a key.
     */
    public static final String WARNINGS_ENTRY = "precheck.warnings";

    private final Map<String, List<String>> errors = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    public void error(String key, String message) {
        errors.computeIfAbsent(key, ignored -> new ArrayList<>()).add(message);
    }

    public void warning(String message) {
        warnings.add(message);
    }

    /** Error messages by config key. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    public List<String> warnings() {
        return warnings;
    }

    /**
     * Connect's validation {@code validated} with this report added: each error on the value of its key (a key that
     * {@code validated} does not list gets a value of its own), and the warnings as the value of
     * {@value #WARNINGS_ENTRY}.
     */
    public Config mergeInto(Config validated) {
        Map<String, ConfigValue> byName = new LinkedHashMap<>();
        validated.configValues().forEach(value -> byName.put(value.name(), value));
        errors.forEach((key, messages) ->
            messages.forEach(byName.computeIfAbsent(key, ConfigValue::new)::addErrorMessage));
        byName.put(WARNINGS_ENTRY, new ConfigValue(WARNINGS_ENTRY, String.join("\n", warnings), List.of(), List.of()));
        return new Config(new ArrayList<>(byName.values()));
    }

    /** Whether any of {@code values} has an error. */
    public static boolean hasErrors(Collection<ConfigValue> values) {
        return values.stream().anyMatch(value -> !value.errorMessages().isEmpty());
    }
}
