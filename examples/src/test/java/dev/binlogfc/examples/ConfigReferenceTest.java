package dev.binlogfc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    void readmeConfigurationReferenceMatchesTheConfigDefs() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(ConfigReference.render(readme))
                .as("README.md's configuration tables are generated; run"
                        + " ./mvnw -q -pl examples -am package -DskipTests -Preadme to refresh them")
                .isEqualTo(readme);
    }

    @Test
    void everyKeyOfEveryDocumentedConfigDefIsInItsTable() {
        ConfigReference.documented().forEach((name, def) -> {
            String table = ConfigReference.markdownTables(def);
            def.names().forEach(key -> assertThat(table).as(name).contains("| `" + key + "` |"));
        });
    }

    @Test
    void everyKeyOfEveryDocumentedConfigDefHasAGroupAWidthAndADisplayName() {
        // ConfigDef's short define overload leaves the group null, the width NONE and the display name the key.
        ConfigReference.documented().forEach((name, def) -> assertThat(def.configKeys().values()).as(name)
                .allSatisfy(key -> {
                    assertThat(key.group).as(key.name).isNotBlank();
                    assertThat(key.width).as(key.name).isNotEqualTo(ConfigDef.Width.NONE);
                    assertThat(key.displayName).as(key.name).isNotBlank().isNotEqualTo(key.name);
                }));
    }
}
