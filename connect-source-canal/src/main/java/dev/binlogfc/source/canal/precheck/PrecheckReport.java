package dev.binlogfc.source.canal.precheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a precheck: errors, each on the config key it concerns, which block the connector; and warnings,
 * which are reported but do not block.
 */
public final class PrecheckReport {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    void error(String configKey, String message) {
        errors.computeIfAbsent(configKey, key -> new ArrayList<>()).add(message);
    }

    void warning(String message) {
        warnings.add(message);
    }

    /** Error messages by config key. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    public List<String> warnings() {
        return warnings;
    }
}
