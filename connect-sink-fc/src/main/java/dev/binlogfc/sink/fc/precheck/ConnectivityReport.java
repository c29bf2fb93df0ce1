package dev.binlogfc.sink.fc.precheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of the connectivity test: errors, each on the config key to change, which block the connector; and
 * warnings, which do not.
 */
public final class ConnectivityReport {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    void error(String key, String message) {
        errors.computeIfAbsent(key, ignored -> new ArrayList<>()).add(message);
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
