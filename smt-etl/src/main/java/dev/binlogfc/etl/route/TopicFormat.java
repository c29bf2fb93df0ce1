package dev.binlogfc.etl.route;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A topic name template with {@code ${database}} and {@code ${table}} placeholders, filled with the routed names.
 * Empty means "keep the record's topic".
 */
final class TopicFormat {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    // Kafka's legal topic characters, checked on the template's literal parts.
    private static final Pattern LEGAL_TOPIC_TEXT = Pattern.compile("[a-zA-Z0-9._-]*");

    static final ConfigDef.Validator VALIDATOR = ConfigDef.LambdaValidator.with(TopicFormat::ensureValid,
            () -> "empty, or a topic name with ${database} and ${table} placeholders");

    private final String template;

    TopicFormat(String template) {
        this.template = template;
    }

    boolean keepsTopic() {
        return template.isEmpty();
    }

    String topic(String database, String table) {
        return template.replace("${database}", database).replace("${table}", table);
    }

    private static void ensureValid(String name, Object value) {
        if (value == null) {
            throw new ConfigException(name, null, "use an empty string to keep the record's topic");
        }
        Matcher matcher = PLACEHOLDER.matcher((String) value);
        StringBuilder literal = new StringBuilder();
        while (matcher.find()) {
            String placeholder = matcher.group(1);
            if (!placeholder.equals("database") && !placeholder.equals("table")) {
                throw new ConfigException(name, value, "unknown placeholder ${" + placeholder
                        + "}; use ${database} and ${table}");
            }
            matcher.appendReplacement(literal, "");
        }
        matcher.appendTail(literal);
        if (!LEGAL_TOPIC_TEXT.matcher(literal).matches()) {
            throw new ConfigException(name, value, "a topic name may contain only ASCII letters, digits, '.', '_'"
                    + " and '-' besides the placeholders");
        }
    }
}
