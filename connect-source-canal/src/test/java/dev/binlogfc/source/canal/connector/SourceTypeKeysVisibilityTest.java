package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import dev.binlogfc.source.canal.config.SourceType;

/**
 * The connector documents the Debezium keys of both source types; its validation hides those only the other type's
 * connector has, and shows every key while its own settings are invalid (no type is known then).
 */
class SourceTypeKeysVisibilityTest {

    /** Nothing listens on port 1, so Debezium's and the precheck's connection attempts fail at once. */
    private static Map<String, String> unreachable(String sourceType, String databases) {
        return Map.of("source.type", sourceType, "databases", databases, "database.hostname", "127.0.0.1",
                "database.port", "1", "database.user", "canal", "database.password", "secret",
                "database.server.id", "5400", "topic.prefix", "binlogfc");
    }

    private static Set<String> onlyOf(SourceType type) {
        Set<String> keys = new HashSet<>(DebeziumConnectors.connector(type).config().names());
        for (SourceType other : SourceType.values()) {
            if (other != type) {
                keys.removeAll(DebeziumConnectors.connector(other).config().names());
            }
        }
        return keys;
    }

    private static Map<String, Boolean> visibility(Map<String, String> props) {
        return new CanalSourceConnector().validate(props).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::visible));
    }

    @Test
    void eachSourceTypeHidesTheKeysOnlyTheOtherTypesConnectorHas() {
        assertThat(onlyOf(SourceType.MYSQL)).as("MySQL's GTID and binlog-format keys, say").isNotEmpty();
        for (SourceType type : SourceType.values()) {
            Map<String, Boolean> visible = visibility(unreachable(type.value(), "shop"));

            for (SourceType other : SourceType.values()) {
                if (other != type) {
                    assertThat(onlyOf(other)).as("keys only %s has, validated as %s", other, type)
                            .allSatisfy(key -> assertThat(visible.get(key)).as(key).isFalse());
                }
            }
            // Debezium's own validation decides the visibility of the keys of the chosen type.
            assertThat(DebeziumConnectors.connector(type).config().names()).filteredOn(visible::get)
                    .contains("database.hostname", "topic.prefix");
        }
    }

    @Test
    void whileTheConnectorsOwnSettingsAreInvalidEveryKeyStaysVisible() {
        Map<String, Boolean> invalid = visibility(unreachable("postgres", "shop"));

        assertThat(onlyOf(SourceType.MYSQL)).allSatisfy(key -> assertThat(invalid.get(key)).as(key).isTrue());
        assertThat(onlyOf(SourceType.MARIADB)).allSatisfy(key -> assertThat(invalid.get(key)).as(key).isTrue());
    }
}
