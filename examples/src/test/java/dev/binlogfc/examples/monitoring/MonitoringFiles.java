package dev.binlogfc.examples.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped monitoring files (monitoring/ at the repository root) and the PromQL expressions in them. */
final class MonitoringFiles {

    static final Path DIRECTORY = Path.of("..", "monitoring").toAbsolutePath().normalize();
    static final Path EXPORTER_CONFIG = DIRECTORY.resolve("jmx-exporter.yaml");
    static final Path RULES = DIRECTORY.resolve("prometheus-rules.yaml");
    static final Path DASHBOARD = DIRECTORY.resolve("grafana-dashboard.json");
    static final Path TESTS = DIRECTORY.resolve("tests");

    /** A metric name the exporter config produces: ours, Connect's or Debezium's (recorded series contain ':'). */
    private static final Pattern EXPORTED_NAME = Pattern.compile("(?<![:a-zA-Z0-9_])(?:binlogfc|kafka_connect|debezium)_"
            + "[a-z0-9_]+(?![a-zA-Z0-9_:(])");
    private static final Pattern RECORDED_NAME = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitoringFiles() {
    }

    /** Every {@code expr} of the rules file, by the name of its alert or recording rule. */
    static Map<String, String> ruleExpressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode rule : rules()) {
            String name = rule.has("alert") ? rule.get("alert").asText() : rule.get("record").asText();
            expressions.put(name, rule.get("expr").asText());
        }
        return expressions;
    }

    /** The annotations of the alert {@code name}, as the rules file states them. */
    static Map<String, String> annotations(String alert) {
        for (JsonNode rule : rules()) {
            if (alert.equals(rule.path("alert").asText())) {
                Map<String, String> annotations = new LinkedHashMap<>();
                rule.get("annotations").fields().forEachRemaining(entry -> annotations.put(entry.getKey(),
                        entry.getValue().asText()));
                return annotations;
            }
        }
        throw new IllegalArgumentException("no alert " + alert + " in " + RULES);
    }

    /** Every PromQL expression of the dashboard (panel targets and variable queries), by where it is. */
    static Map<String, String> dashboardExpressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        JsonNode dashboard = read(DASHBOARD, JSON);
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.put(panel.get("title").asText() + " " + target.get("refId").asText(),
                        target.get("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.has("definition")) {
                expressions.put("variable " + variable.get("name").asText(), variable.get("definition").asText());
            }
        }
        return expressions;
    }

    /** The exported metric names {@code expression} reads. */
    static Set<String> exportedNames(String expression) {
        return matches(EXPORTED_NAME, expression);
    }

    /** The recording rules' names {@code expression} reads. */
    static Set<String> recordedNames(String expression) {
        return matches(RECORDED_NAME, expression);
    }

    private static Set<String> matches(Pattern pattern, String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : read(RULES, YAML).get("groups")) {
            group.get("rules").forEach(rules::add);
        }
        return rules;
    }

    private static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
