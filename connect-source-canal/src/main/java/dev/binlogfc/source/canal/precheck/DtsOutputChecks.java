package dev.binlogfc.source.canal.precheck;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.binlogfc.common.validation.ValidationReport;
import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.SyncOperation;
import dev.binlogfc.source.canal.transform.CanalJsonTransformConfig;

/**
 * Warns where the user's own settings make the records differ from what DTS delivers: the defaults give DTS's output,
 * so each warning names a setting the user wrote and what removing it restores.
 */
final class DtsOutputChecks {

    /** One statement of each kind that Debezium's default DDL filter drops but DTS delivers. */
    private static final List<String> ROUTINE_STATEMENTS = List.of("CREATE VIEW v AS SELECT 1",
            "CREATE PROCEDURE p() SELECT 1", "CREATE FUNCTION f() RETURNS INT RETURN 1",
            "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a = 1");

    private final CanalSourceConfig config;
    private final Map<String, String> debeziumProperties;
    private final Map<String, Object> canal;
    private final ValidationReport report;

    DtsOutputChecks(CanalSourceConfig config, Map<String, String> debeziumProperties, ValidationReport report) {
        this.config = config;
        this.debeziumProperties = debeziumProperties;
        this.canal = config.canalTransformSettings();
        this.report = report;
    }

    /** Reads the server's zone and id from {@code database}, whose session is left in the global time zone. */
    void run(SourceDatabase database) throws SQLException {
        SourceServerDefaults server = SourceServerDefaults.of(database);
        checkTimestampZone(server.timeZone());
        checkServerId(server.serverId());
        if (config.operations().contains(SyncOperation.DDL)) {
            checkDdlDelivery();
            checkTruncate();
            checkDdlFilter();
        }
    }

    private void checkTimestampZone(ZoneId serverZone) {
        Object zone = canal.get(CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG);
        Instant now = Instant.now();
        if (zone != null && !ZoneId.of(zone.toString().trim()).getRules().getOffset(now)
                .equals(serverZone.getRules().getOffset(now))) {
            report.warning(key(CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG) + " is " + zone + ", but the source"
                    + " server shows TIMESTAMP columns in " + serverZone + ": their values will differ from what the"
                    + " database shows; remove " + key(CanalJsonTransformConfig.TIMESTAMP_ZONE_CONFIG)
                    + " to use the server's zone");
        }
    }

    private void checkServerId(long serverId) {
        Object fallback = canal.get(CanalJsonTransformConfig.SERVER_ID_FALLBACK_CONFIG);
        if (fallback != null && Long.parseLong(fallback.toString().trim()) != serverId) {
            report.warning(key(CanalJsonTransformConfig.SERVER_ID_FALLBACK_CONFIG) + " is " + fallback + ", but the"
                    + " source server's server_id is " + serverId + ": rows of the full copy will carry serverId "
                    + fallback + "; remove " + key(CanalJsonTransformConfig.SERVER_ID_FALLBACK_CONFIG)
                    + " to report the server's");
        }
    }

    private void checkDdlDelivery() {
        Object delivery = canal.get(CanalJsonTransformConfig.DDL_DELIVERY_CONFIG);
        if (delivery != null && CanalJsonTransformConfig.DDL_DELIVERIES.find(delivery).orElse(null)
                != CanalJsonTransformConfig.DdlDelivery.TABLE_TOPIC) {
            report.warning(key(CanalJsonTransformConfig.DDL_DELIVERY_CONFIG) + " is " + delivery + ": DDL records"
                    + " will not reach the table topics in binlog order with the rows (and a sink reading"
                    + " <topic.prefix>.<database>.* sees none); remove it for DTS's order");
        }
    }

    private void checkTruncate() {
        String skipped = debeziumProperties.getOrDefault(DebeziumSettings.SKIPPED_OPERATIONS, "");
        if (Arrays.stream(skipped.split(",")).map(String::trim).anyMatch("t"::equalsIgnoreCase)) {
            report.warning(DebeziumSettings.SKIPPED_OPERATIONS + " lists t, so TRUNCATE TABLE never arrives,"
                    + " though DTS delivers it as DDL: remove t from " + DebeziumSettings.SKIPPED_OPERATIONS);
        }
    }

    private void checkDdlFilter() {
        String filter = debeziumProperties.get(DebeziumSettings.DDL_FILTER);
        if (filter == null || filter.isBlank()) {
            return;
        }
        List<Pattern> patterns = Arrays.stream(filter.split(",")).map(String::trim).filter(regex -> !regex.isEmpty())
                .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL)).toList();
        List<String> dropped = ROUTINE_STATEMENTS.stream()
                .filter(statement -> patterns.stream().anyMatch(pattern -> pattern.matcher(statement).matches()))
                .map(statement -> statement.split(" ")[1].toLowerCase(Locale.ROOT))
                .toList();
        if (!dropped.isEmpty()) {
            report.warning(DebeziumSettings.DDL_FILTER + " drops the DDL of " + String.join(", ", dropped)
                    + " statements, which DTS delivers: remove " + DebeziumSettings.DDL_FILTER + " to keep them");
        }
    }

    private static String key(String canalKey) {
        return CanalSourceConfig.CANAL_PREFIX + canalKey;
    }
}
