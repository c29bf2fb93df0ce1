package dev.binlogfc.source.canal.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.binlogfc.common.util.Version;
import dev.binlogfc.common.validation.ValidationReport;
import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.SourceType;
import dev.binlogfc.source.canal.precheck.MessageSizeChecks;
import dev.binlogfc.source.canal.precheck.Precheck;
import dev.binlogfc.source.canal.transform.CanalJsonTransform;
import dev.binlogfc.source.canal.transform.CanalJsonTransformConfig;
import dev.binlogfc.source.canal.transform.CanalJsonTransformConfig.KeyForm;
import dev.binlogfc.source.canal.transform.CanalJsonTransformConfig.ValueForm;

/**
 * A MySQL/MariaDB source that delivers DTS-style Canal records: Debezium's MySQL or MariaDB connector does the
 * reading, configured through DTS's vocabulary (synchronization types, objects, operations, heartbeat, encryption)
 * plus any Debezium setting, and its tasks apply the Canal SMT (see {@link CanalSourceTask}).
 *
 * <p>{@link #validate} is DTS's precheck: each problem is an error on the config key it concerns, which blocks
 * creation. Warnings do not block; Connect's validation has no place for them on a key, so they are the value of the
 * extra entry {@value #PRECHECK_WARNINGS} (one per line, never an error) and are logged.
 */
public class CanalSourceConnector extends SourceConnector {

    /** The validation entry whose value lists the precheck's warnings. */
    public static final String PRECHECK_WARNINGS = ValidationReport.WARNINGS_ENTRY;

    private static final Logger LOG = LoggerFactory.getLogger(CanalSourceConnector.class);
    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    private static final ConfigDef CONFIG_DEF = withDebeziumKeys();

    private SourceConnector debezium;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        DebeziumSettings settings = DebeziumSettings.derive(props);
        if (!settings.problems().isEmpty()) {
            throw new ConfigException("Invalid Canal source configuration: " + settings.problems());
        }
        debezium = DebeziumConnectors.connector(settings.config().sourceType());
        debezium.initialize(context);
        debezium.start(settings.properties());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CanalSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return debezium.taskConfigs(maxTasks);
    }

    @Override
    public void stop() {
        if (debezium != null) {
            debezium.stop();
        }
    }

    /** The Canal source's own keys, then Debezium's (MySQL and MariaDB), so that Connect documents both. */
    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        DebeziumSettings settings = DebeziumSettings.derive(props);
        return DebeziumConnectors.connector(settings.config().sourceType()).exactlyOnceSupport(settings.properties());
    }

    @Override
    public Config validate(Map<String, String> props) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        CanalSourceConfig.CONFIG_DEF.validate(props).forEach(value -> values.put(value.name(), value));
        ValidationReport report = new ValidationReport();
        outputWarnings(props).forEach(report::warning);
        boolean debeziumValidated = !ValidationReport.hasErrors(values.values());
        if (debeziumValidated) {
            DebeziumSettings settings = DebeziumSettings.derive(props);
            SourceType type = settings.config().sourceType();
            DebeziumConnectors.connector(type).validate(settings.properties()).configValues()
                    .forEach(value -> values.putIfAbsent(value.name(), value));
            // The problems are never on database.hostname, the one key whose errors the precheck still runs with.
            settings.problems().forEach(report::error);
            if (report.errors().isEmpty() && onlyHostnameErrors(values)) {
                addPrecheck(values, Precheck.run(settings), report);
                MessageSizeChecks.warnings(props).forEach(report::warning);
            }
        }
        report.warnings().forEach(warning -> LOG.warn("Precheck warning: {}", warning));
        // Connect builds the message of a refused create or update from a value for every key of config(), and
        // answers HTTP 500 (a NullPointerException) instead of the errors when one is missing: the keys of the
        // other source type, hidden since they do not apply, and all of Debezium's when ours already failed, get a
        // value without errors.
        CONFIG_DEF.names().forEach(name -> values.computeIfAbsent(name, absent -> {
            ConfigValue value = new ConfigValue(absent);
            value.visible(!debeziumValidated);
            return value;
        }));
        return report.mergeInto(new Config(new ArrayList<>(values.values())));
    }

    /**
     * Debezium reports a failed connection on database.hostname; the precheck still runs then, because only it can
     * tell a refused login (reported on database.user), but it does not repeat the connection failure.
     */
    private static void addPrecheck(Map<String, ConfigValue> values, ValidationReport precheck,
                                    ValidationReport report) {
        ConfigValue hostname = values.get(DebeziumSettings.HOSTNAME);
        boolean debeziumCouldNotConnect = hostname != null && !hostname.errorMessages().isEmpty();
        precheck.errors().forEach((key, messages) -> {
            if (!(debeziumCouldNotConnect && DebeziumSettings.HOSTNAME.equals(key))) {
                messages.forEach(message -> report.error(key, message));
            }
        });
        precheck.warnings().forEach(report::warning);
    }

    /**
     * The Canal record only becomes plain Canal JSON in Kafka through a schemaless JsonConverter (or, as JSON text,
     * through StringConverter); and the task applies the Canal SMT itself, so configuring it again as a transform has
     * no effect.
     */
    private static List<String> outputWarnings(Map<String, String> props) {
        List<String> warnings = new ArrayList<>();
        String converter = props.get("value.converter");
        String valueFormKey = CanalSourceConfig.CANAL_PREFIX + CanalJsonTransformConfig.VALUE_FORM_CONFIG;
        if (CanalJsonTransformConfig.VALUE_FORMS.find(props.get(valueFormKey)).orElse(null) == ValueForm.JSON) {
            stringConverterWarning(props, valueFormKey, "value", "the Canal JSON text").ifPresent(warnings::add);
        } else if (converter == null) {
            warnings.add("value.converter is not set, so the worker's default applies: unless that is "
                    + JSON_CONVERTER + " with schemas.enable=false, topics will not hold plain Canal JSON; set"
                    + " value.converter=" + JSON_CONVERTER + " and value.converter.schemas.enable=false");
        } else if (!converter.trim().equals(JSON_CONVERTER)) {
            warnings.add("value.converter is " + converter + ", so topics will not hold plain Canal JSON unless it"
                    + " writes a schemaless map as JSON; set value.converter=" + JSON_CONVERTER
                    + " and value.converter.schemas.enable=false");
        } else if (!"false".equalsIgnoreCase(props.getOrDefault("value.converter.schemas.enable", "true").trim())) {
            warnings.add("value.converter.schemas.enable is not false, so each Canal record is wrapped in a"
                    + " {\"schema\":null,\"payload\":...} envelope: set value.converter.schemas.enable=false");
        }
        String keyFormKey = CanalSourceConfig.CANAL_PREFIX + CanalJsonTransformConfig.KEY_FORM_CONFIG;
        if (CanalJsonTransformConfig.KEY_FORMS.find(props.get(keyFormKey)).orElse(null) == KeyForm.JSON) {
            stringConverterWarning(props, keyFormKey, "key", "the JSON text JsonConverter would write")
                    .ifPresent(warnings::add);
        }
        props.forEach((key, value) -> {
            if (key.startsWith("transforms.") && key.endsWith(".type")
                    && CanalJsonTransform.class.getName().equals(value.trim())) {
                warnings.add(key + " configures the Canal SMT, which this connector already applies: remove that"
                        + " transform and set its options with the canal. prefix (e.g. canal.timestamp.zone)");
            }
        });
        return warnings;
    }

    /** With {@code formKey}=json the key or value is text, which only StringConverter writes as it is. */
    private static Optional<String> stringConverterWarning(Map<String, String> props, String formKey, String part,
                                                           String text) {
        String converterKey = part + ".converter";
        String converter = props.get(converterKey);
        if (converter != null && converter.trim().equals(STRING_CONVERTER)) {
            return Optional.empty();
        }
        return Optional.of(formKey + "=json makes each " + part + " " + text + ", which only " + STRING_CONVERTER
                + " writes as it is, but " + converterKey + " is "
                + (converter == null ? "not set (the worker's default applies)" : converter)
                + ": set " + converterKey + "=" + STRING_CONVERTER);
    }

    private static boolean onlyHostnameErrors(Map<String, ConfigValue> values) {
        return values.values().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .allMatch(value -> DebeziumSettings.HOSTNAME.equals(value.name()));
    }

    /**
     * Debezium's ConfigDefs load their default JDBC driver classes through the thread's context class loader. Connect
     * before 3.6 scans plugin.path (and so runs this) with the worker's class loader as context, which cannot see the
     * drivers in this plugin's lib/; the plugin's own loader can, on every version.
     */
    private static ConfigDef withDebeziumKeys() {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(CanalSourceConnector.class.getClassLoader());
        try {
            ConfigDef def = new ConfigDef(CanalSourceConfig.CONFIG_DEF);
            for (SourceType type : SourceType.values()) {
                DebeziumConnectors.connector(type).config().configKeys().values().stream()
                        .filter(key -> !def.configKeys().containsKey(key.name))
                        .forEach(def::define);
            }
            return def;
        } finally {
            thread.setContextClassLoader(context);
        }
    }
}
