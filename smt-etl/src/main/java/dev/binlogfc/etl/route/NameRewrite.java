package dev.binlogfc.etl.route;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Rewrites a name that the regular expression matches as a whole into the replacement ({@code $1}-style group
 * references allowed); other names stay as they are.
 */
final class NameRewrite {
    private static final Pattern GROUP_REFERENCE = Pattern.compile("(?<!\\\\)\\$(\\d+)");

    private final Pattern regex;
    private final String replacement;

    /** Throws {@link ConfigException} naming {@code replacementKey} when the replacement refers to a missing group. */
    NameRewrite(String regex, String replacement, String replacementKey) {
        this.regex = Pattern.compile(regex);
        this.replacement = replacement;
        int groups = this.regex.matcher("").groupCount();
        Matcher reference = GROUP_REFERENCE.matcher(replacement);
        while (reference.find()) {
            if (Integer.parseInt(reference.group(1)) > groups) {
                throw new ConfigException(replacementKey, replacement, "refers to group $" + reference.group(1)
                        + " but the regular expression '" + regex + "' has " + groups + " group(s)");
            }
        }
    }

    String apply(String name) {
        Matcher matcher = regex.matcher(name);
        return matcher.matches() ? matcher.replaceFirst(replacement) : name;
    }
}
