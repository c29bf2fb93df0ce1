package dev.binlogfc.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Recommenders that show a setting only where it applies, e.g. the FC settings only for FC targets: Connect's
 * validation marks the others invisible, and UIs hide them. A setting whose visibility depends on another must
 * be among that setting's dependents so that Connect re-evaluates it.
 */
public final class Recommenders {

    private Recommenders() {
    }

    /** Recommends no particular values; the setting is visible while {@code visible} holds for the parsed values. */
    public static ConfigDef.Recommender visibleWhen(Predicate<Map<String, Object>> visible) {
        return new Conditional(List.of(), visible);
    }

    /** Fixed recommended values, visibility by a condition on the parsed values. */
    record Conditional(List<Object> validValues, Predicate<Map<String, Object>> visible)
        implements ConfigDef.Recommender {

        /** A fresh list each time: Connect's validation narrows the list it is given in place. */
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return new ArrayList<>(validValues);
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return visible.test(parsedConfig);
        }
    }
}
