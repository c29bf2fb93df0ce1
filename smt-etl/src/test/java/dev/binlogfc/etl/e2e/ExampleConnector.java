package dev.binlogfc.etl.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ready-to-post connector config from {@code examples/connectors} with its {@code {{PLACEHOLDER}}} values filled
 * in, so the ETL test starts from exactly the configs users copy and adds only the transforms.
 */
record ExampleConnector(String name, Map<String, String> config) {
    private static final Path CONNECTORS = Path.of("..", "examples", "connectors");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    static ExampleConnector load(String file, Map<String, String> values) {
        try {
            JsonNode request = new ObjectMapper().readTree(CONNECTORS.resolve(file).toFile());
            Map<String, String> config = new LinkedHashMap<>();
            request.get("config").fields().forEachRemaining(entry ->
                    config.put(entry.getKey(), fill(entry.getValue().asText(), values, file)));
            return new ExampleConnector(request.get("name").asText(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONNECTORS.resolve(file).toAbsolutePath(), e);
        }
    }

    private static String fill(String text, Map<String, String> values, String file) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(file + " needs a value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }
}
