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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The README's configuration reference, rendered from the ConfigDefs themselves so that it cannot drift from the
 * code. Each table sits between {@code <!-- config:NAME -->} and {@code <!-- /config:NAME -->} markers; running
 * {@code main} with the README's path rewrites them, and a test fails when the README is out of date.
 */
public final class ConfigReference {

    /** The documented ConfigDefs, by marker name, in README order. */
    public static Map<String, ConfigDef> documented() {
        Map<String, ConfigDef> defs = new LinkedHashMap<>();
        defs.put("canal-source", CanalSourceConfig.CONFIG_DEF);
        defs.put("canal-smt", CanalJsonTransform.CONFIG_DEF);
        defs.put("canal-size-limit", RecordSizeLimit.CONFIG_DEF);
        defs.put("fc-sink", new FcSinkConnector().config());
        defs.put("etl-row-filter", RowFilter.CONFIG_DEF);
        defs.put("etl-operation-filter", OperationFilter.CONFIG_DEF);
        defs.put("etl-select-columns", SelectColumns.CONFIG_DEF);
        defs.put("etl-mask-columns", MaskColumns.CONFIG_DEF);
        defs.put("etl-rename-columns", RenameColumns.CONFIG_DEF);
        defs.put("etl-route-tables", RouteTables.CONFIG_DEF);
        return defs;
    }

    /** A Markdown table of every key: name, type, default, valid values, importance and documentation. */
    public static String markdownTable(ConfigDef def) {
        StringBuilder table = new StringBuilder("| key | type | default | valid values | importance | description |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            table.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase()).append(" | ")
                    .append(defaultText(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase()).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return table.toString();
    }

    /** The README text with every marked section replaced by the current table. */
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
            result = result.substring(0, from + begin.length()) + markdownTable(entry.getValue()) + result.substring(to);
        }
        return result;
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
        Files.writeString(readme, render(Files.readString(readme, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
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
