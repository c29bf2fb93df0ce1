package dev.binlogfc.sink.fc.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The validators of the FC sink's settings that Kafka's ConfigDef does not provide. */
final class Validators {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final Set<Integer> RESERVED_STATUSES = Set.of(408, 413, 429);

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

    /** A boolean: ConfigDef parses the text, so this only names the values in the documentation. */
    static ConfigDef.Validator trueOrFalse() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!(value instanceof Boolean)) {
                    throw new ConfigException(name, value, "use true or false");
                }
            }

            @Override
            public String toString() {
                return "true or false";
            }
        };
    }

    /** An int from {@code min} to {@code max}, or -1 for no limit. */
    static ConfigDef.Validator unlimitedOrBetween(int min, int max) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                int number = (Integer) value;
                if (number != -1 && (number < min || number > max)) {
                    throw new ConfigException(name, value, "use -1 for no limit or a value from " + min + " to " + max);
                }
            }

            @Override
            public String toString() {
                return "-1 or [" + min + ",...," + max + "]";
            }
        };
    }

    /**
     * HTTP statuses from 400 to 499 except 408, 413 and 429, which mean a timeout, a body too large and throttling
     * whatever the endpoint's policy.
     */
    static ConfigDef.Validator batchFailureStatuses() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                for (Object entry : (List<?>) value) {
                    String text = String.valueOf(entry).trim();
                    if (!text.matches("4[0-9][0-9]") || RESERVED_STATUSES.contains(Integer.parseInt(text))) {
                        throw new ConfigException(name, value, "'" + text + "' is not a 4xx status a batch can be"
                            + " rejected with; list statuses from 400 to 499 except 408, 413 and 429, e.g. 400,422");
                    }
                }
            }

            @Override
            public String toString() {
                return "comma-separated 4xx statuses except 408, 413, 429";
            }
        };
    }

    /** {@code validator}, except that leaving the setting out (null) is allowed. */
    static ConfigDef.Validator optional(ConfigDef.Validator validator) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    validator.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return validator + ", if set";
            }
        };
    }

    /** An absolute http(s) URL with a host; path and query are allowed. */
    static ConfigDef.Validator httpUrl() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                URI uri;
                try {
                    uri = new URI(((String) value).trim());
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, value, "not a URL: " + e.getMessage());
                }
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new ConfigException(name, value, "use an absolute http:// or https:// URL with a host");
                }
            }

            @Override
            public String toString() {
                return "http(s)://host[:port][/path][?query]";
            }
        };
    }

    /** A list of {@code Name: Value} HTTP headers; Authorization belongs in http.bearer.token. */
    static ConfigDef.Validator headerList() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                for (Object entry : (List<?>) value) {
                    checkHeader(name, (String) entry);
                }
            }

            @Override
            public String toString() {
                return "comma-separated 'Name: Value' entries";
            }
        };
    }

    /** Like {@link #headerList()} for a PASSWORD setting: an error names the header, never a value. */
    static ConfigDef.Validator secretHeaderList() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                for (String entry : splitList(((Password) value).value())) {
                    checkHeader(name, entry);
                }
            }

            @Override
            public String toString() {
                return "comma-separated 'Name: Value' entries";
            }
        };
    }

    /** Rejects a header entry that is not 'Name: Value'; the error shows the name only, values may be secret. */
    private static void checkHeader(String setting, String header) {
        int colon = header.indexOf(':');
        if (colon < 1 || !HEADER_NAME.matcher(header.substring(0, colon).trim()).matches()) {
            throw new ConfigException(setting, "[hidden]", "each entry must be 'Name: Value' with a header name of"
                + " letters, digits and '-'");
        }
        String headerName = header.substring(0, colon).trim();
        if ("authorization".equalsIgnoreCase(headerName)) {
            throw new ConfigException(setting, headerName + ": [hidden]", "put the token into http.bearer.token,"
                + " which is kept secret");
        }
    }

    /** A comma-separated list as Kafka's LIST settings split it. */
    @SuppressWarnings("unchecked")
    static List<String> splitList(String value) {
        return (List<String>) ConfigDef.parseType("list", value, ConfigDef.Type.LIST);
    }

    /** {@code host} or {@code host:port}, as the STS endpoint is given. */
    static ConfigDef.Validator hostAndPort() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                URI uri;
                try {
                    uri = new URI("https://" + ((String) value).trim());
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, value, "use host or host:port, without scheme or path");
                }
                if (uri.getHost() == null || !uri.getRawPath().isEmpty() || uri.getQuery() != null
                    || uri.getUserInfo() != null) {
                    throw new ConfigException(name, value, "use host or host:port, without scheme or path");
                }
            }

            @Override
            public String toString() {
                return "host[:port]";
            }
        };
    }
}
