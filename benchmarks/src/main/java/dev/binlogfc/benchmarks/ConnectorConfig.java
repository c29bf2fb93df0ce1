package dev.binlogfc.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connector request read from one of the shipped configs in {@code examples/connectors}, placeholders filled in,
 * so that the benchmark measures the configuration users copy plus only the changes it names.
 */
record ConnectorConfig(String name, Map<String, String> config) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code file}, replacing every {@code {{NAME}}} with {@code values.get(NAME)}. */
    static ConnectorConfig load(Path file, Map<String, String> values) {
        try {
            Map<String, Object> request = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, String> template = (Map<String, String>) request.get("config");
            Map<String, String> config = new LinkedHashMap<>();
            template.forEach((key, value) -> config.put(key, fill(file, value, values)));
            return new ConnectorConfig((String) request.get("name"), config);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read connector request " + file, e);
        }
    }

    /** This connector under another name with some keys set to other values. */
    ConnectorConfig with(String newName, Map<String, String> changes) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.putAll(changes);
        return new ConnectorConfig(newName, changed);
    }

    private static String fill(Path file, String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(file + " needs a value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
