package dev.binlogfc.sink.fc.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The validators of the FC sink's settings that Kafka's ConfigDef does not provide. */
final class Validators {

    private Validators() {
    }

    /** An http(s) URL naming only scheme, host and optional port, like {@code https://<account>.<region>.fc.aliyuncs.com}. */
    static ConfigDef.Validator endpointUrl() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = (String) value;
                URI uri;
                try {
                    uri = new URI(text == null ? "" : text.trim());
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, value, "not a URL: " + e.getMessage());
                }
                boolean httpScheme = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
                boolean bare = (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
                if (!httpScheme || uri.getHost() == null || !bare) {
                    throw new ConfigException(name, value, "use the FC endpoint's base URL, e.g. "
                        + "https://<accountId>.<region>.fc.aliyuncs.com (http only for local endpoints), "
                        + "without path or query");
                }
            }

            @Override
            public String toString() {
                return "http(s)://host[:port]";
            }
        };
    }

    /** A String matching {@code pattern}, described by {@code rule} in errors and documentation. */
    static ConfigDef.Validator matching(Pattern pattern, String rule) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || !pattern.matcher((String) value).matches()) {
                    throw new ConfigException(name, value, rule);
                }
            }

            @Override
            public String toString() {
                return rule;
            }
        };
    }

    /** A Password that is not blank; when {@code optional}, leaving the setting out (null) is allowed too. */
    static ConfigDef.Validator nonBlankPassword(boolean optional) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null && optional) {
                    return;
                }
                if (value == null || ((Password) value).value().isBlank()) {
                    throw new ConfigException(name, value, optional
                        ? "set a non-blank value or leave the setting out" : "a non-blank value is required");
                }
            }

            @Override
            public String toString() {
                return optional ? "non-blank if set" : "non-blank";
            }
        };
    }
}
