package dev.binlogfc.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One way to handle a setting whose values name the constants of an enum (a STRING setting naming one, or a LIST
 * setting naming several): parsing, the validator and the recommender all come from the constants'
 * {@link EnumeratedSetting#value()}, so what Connect lists, what is accepted and what is parsed cannot disagree.
 *
 * <p>Values are matched ignoring case and surrounding blanks. The canonical spelling is the lower-kebab value;
 * any other case of it, or one of the constant's {@link EnumeratedSetting#deprecatedSpellings()}, is accepted
 * too, and parsing it logs a warning that names the key, the spelling and the value to use instead.
 *
 * @param <E> the enum
 */
public final class EnumChoice<E extends Enum<E> & EnumeratedSetting> {

    private static final Logger LOG = LoggerFactory.getLogger(EnumChoice.class);

    private final List<E> constants;
    private final List<String> canonicalValues;

    private EnumChoice(Class<E> type) {
        this.constants = List.of(type.getEnumConstants());
        this.canonicalValues = constants.stream().map(EnumeratedSetting::value).toList();
    }

    public static <E extends Enum<E> & EnumeratedSetting> EnumChoice<E> of(Class<E> type) {
        return new EnumChoice<>(type);
    }

    /** The canonical values, in the enum's order. */
    public List<String> values() {
        return canonicalValues;
    }

    /** The constant a value names in any accepted spelling, without warning; empty for anything else. */
    public Optional<E> find(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        String spelling = text.trim();
        return constants.stream().filter(constant -> constant.value().equalsIgnoreCase(spelling)
            || constant.deprecatedSpellings().stream().anyMatch(spelling::equalsIgnoreCase)).findFirst();
    }

    /**
     * The constant {@code value} of setting {@code key} names; a deprecated spelling is logged as such.
     *
     * @throws ConfigException if it names none
     */
    public E parse(String key, String value) {
        E constant = find(value).orElseThrow(() -> invalid(key, value));
        if (!constant.value().equals(value.trim())) {
            LOG.warn("{}={} is a deprecated spelling; use {}={}", key, value.trim(), key, constant.value());
        }
        return constant;
    }

    /** The constants the entries of LIST setting {@code key} name, in their order, as {@link #parse} parses. */
    public List<E> parseList(String key, List<String> values) {
        List<E> parsed = new ArrayList<>(values.size());
        for (String value : values) {
            parsed.add(parse(key, value));
        }
        return parsed;
    }

    /** Whether the parsed value of {@code key} names one of {@code accepted}; true while it names none at all. */
    @SafeVarargs
    public final Predicate<Map<String, Object>> when(String key, E... accepted) {
        Set<E> acceptedSet = Set.copyOf(Arrays.asList(accepted));
        return parsed -> find(parsed.get(key)).map(acceptedSet::contains).orElse(true);
    }

    /** Accepts a value, or for a LIST setting every entry, that names a constant in any accepted spelling. */
    public ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                List<?> entries = value instanceof List<?> list ? list : Arrays.asList(value);
                for (Object entry : entries) {
                    if (find(entry).isEmpty()) {
                        throw invalid(key, entry);
                    }
                }
            }

            @Override
            public String toString() {
                return String.join(", ", canonicalValues);
            }
        };
    }

    /** As {@link #validator()} for a LIST setting that must name at least one constant. */
    public ConfigDef.Validator nonEmptyListValidator() {
        ConfigDef.Validator validator = validator();
        return ConfigDef.LambdaValidator.with((key, value) -> {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw new ConfigException(key, value, "name at least one of " + validator);
            }
            validator.ensureValid(key, value);
        }, () -> "a non-empty list of " + validator);
    }

    /** As {@link #validator()}, but also accepts no value, for a setting whose absence leaves the choice to others. */
    public ConfigDef.Validator optionalValidator() {
        ConfigDef.Validator validator = validator();
        return ConfigDef.LambdaValidator.with((key, value) -> {
            if (value != null) {
                validator.ensureValid(key, value);
            }
        }, () -> validator + ", or unset");
    }

    /** Recommends the canonical values; the setting is always visible. */
    public ConfigDef.Recommender recommender() {
        return recommender(parsed -> true);
    }

    /** Recommends the canonical values; the setting is visible while {@code visible} holds for the parsed values. */
    public ConfigDef.Recommender recommender(Predicate<Map<String, Object>> visible) {
        return new Recommenders.Conditional(List.<Object>copyOf(canonicalValues), visible);
    }

    private ConfigException invalid(String key, Object value) {
        return new ConfigException(key, value, "must be one of " + String.join(", ", canonicalValues)
            + " (matched ignoring case)");
    }
}
