package dev.binlogfc.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the ready-to-post connector configs in {@code examples/connectors}, with its {@code {{PLACEHOLDER}}}
 * values filled in. The local pipeline and the end-to-end tests post exactly these files, so the examples users
 * copy are the ones that are tested.
 */
public final class ConnectorTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Map<String, String> config;

    private ConnectorTemplate(String name, Map<String, String> config) {
        this.name = name;
        this.config = config;
    }

    /** Loads {@code connectors/<file>} from the classpath and replaces every placeholder from {@code values}. */
    public static ConnectorTemplate load(String file, Map<String, String> values) {
        String text = read("connectors/" + file);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("connectors/" + file + " needs a value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(jsonStringContent(value)));
        }
        matcher.appendTail(filled);
        try {
            Map<String, Object> request = JSON.readValue(filled.toString(), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, String> config = new LinkedHashMap<>((Map<String, String>) request.get("config"));
            return new ConnectorTemplate((String) request.get("name"), config);
        } catch (IOException e) {
            throw new UncheckedIOException("connectors/" + file + " is not a valid connector request", e);
        }
    }

    public String name() {
        return name;
    }

    /** This connector with some config keys set to other values. */
    public ConnectorTemplate with(Map<String, String> changes) {
        Map<String, String> changed = config();
        changed.putAll(changes);
        return new ConnectorTemplate(name, changed);
    }

    /** A copy of the filled-in config, to post as it is or with a few keys changed. */
    public Map<String, String> config() {
        return new LinkedHashMap<>(config);
    }

    private static String jsonStringContent(String value) {
        try {
            String quoted = JSON.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = ConnectorTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
