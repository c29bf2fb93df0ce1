package dev.binlogfc.examples;

import dev.binlogfc.etl.columns.MaskColumns;
import dev.binlogfc.etl.columns.RenameColumns;
import dev.binlogfc.etl.columns.SelectColumns;
import dev.binlogfc.etl.filter.OperationFilter;
import dev.binlogfc.etl.filter.RowFilter;
import dev.binlogfc.etl.route.RouteTables;
import dev.binlogfc.sink.fc.FcSinkConnector;
import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.limit.RecordSizeLimit;
import dev.binlogfc.source.canal.transform.CanalJsonTransform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * The README's configuration reference, rendered from the ConfigDefs and the transformations' overviews themselves
 * so that it cannot drift from the code. Each section sits between {@code <!-- config:NAME -->} and
 * {@code <!-- /config:NAME -->} markers; running {@code main} with the README's path rewrites them, and a test fails
 * when the README is out of date.
 */
public final class ConfigReference {

    /** The field holding a transformation's user documentation, named as in Kafka's own transforms. */
    private static final String OVERVIEW_FIELD = "OVERVIEW_DOC";

    /** The documented transformations, by marker name: their section opens with their overview. */
    public static Map<String, Class<?>> transformations() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        types.put("canal-smt", CanalJsonTransform.class);
        types.put("canal-size-limit", RecordSizeLimit.class);
        types.put("etl-row-filter", RowFilter.class);
        types.put("etl-operation-filter", OperationFilter.class);
        types.put("etl-select-columns", SelectColumns.class);
        types.put("etl-mask-columns", MaskColumns.class);
        types.put("etl-rename-columns", RenameColumns.class);
        types.put("etl-route-tables", RouteTables.class);
        return types;
    }

    /** The documented ConfigDefs, by marker name: the connectors' and each transformation's. */
    public static Map<String, ConfigDef> documented() {
        Map<String, ConfigDef> defs = new LinkedHashMap<>();
        defs.put("canal-source", CanalSourceConfig.CONFIG_DEF);
        defs.put("fc-sink", new FcSinkConnector().config());
        transformations().forEach((marker, type) -> defs.put(marker, transformationConfig(type)));
        return defs;
    }

    /** A transformation's OVERVIEW_DOC: what it does, to which records, and an example. */
    public static String overview(Class<?> transformation) {
        try {
            return (String) transformation.getField(OVERVIEW_FIELD).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(transformation.getName() + " lacks a public static String "
                    + OVERVIEW_FIELD, e);
        }
    }

    /**
     * Markdown tables of every key, one per group under the group's name, in the ConfigDef's order of groups and
     * each key's order in its group: name, type, default, valid values, importance and documentation.
     */
    public static String markdownTables(ConfigDef def) {
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            if (key.group == null) {
                throw new IllegalStateException(key.name + " has no group; define every key with one");
            }
        }
        return def.groups().stream()
                .map(group -> "**" + group + "**\n\n" + markdownTable(def.configKeys().values().stream()
                        .filter(key -> group.equals(key.group))
                        .sorted(Comparator.comparingInt(key -> key.orderInGroup))
                        .toList()))
                .collect(Collectors.joining("\n"));
    }

    private static String markdownTable(List<ConfigDef.ConfigKey> keys) {
        StringBuilder table = new StringBuilder("| key | type | default | valid values | importance | description |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : keys) {
            table.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase()).append(" | ")
                    .append(defaultText(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase()).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return table.toString();
    }

    /** The README text with every marked section replaced by the current overview and tables. */
    public static String render(String readme) {
        String result = readme;
        for (Map.Entry<String, ConfigDef> entry : documented().entrySet()) {
            String begin = "<!-- config:" + entry.getKey() + " -->\n";
            String end = "<!-- /config:" + entry.getKey() + " -->";
            int from = result.indexOf(begin);
            int to = result.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalStateException("README lacks the markers " + begin.trim() + " ... " + end);
            }
            result = result.substring(0, from + begin.length()) + section(entry.getKey(), entry.getValue())
                    + result.substring(to);
        }
        return result;
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
        Files.writeString(readme, render(Files.readString(readme, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static String section(String marker, ConfigDef def) {
        Class<?> transformation = transformations().get(marker);
        String tables = markdownTables(def);
        return transformation == null ? tables : overview(transformation) + "\n\n" + tables;
    }

    private static ConfigDef transformationConfig(Class<?> type) {
        try {
            Transformation<?> transformation = (Transformation<?>) type.getDeclaredConstructor().newInstance();
            try {
                return transformation.config();
            } finally {
                transformation.close();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " cannot be created as Connect creates it", e);
        }
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        return "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
    }

    private static String cell(String text) {
        return text.lines().map(String::strip).collect(Collectors.joining(" ")).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
