package dev.binlogfc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
            String table = ConfigReference.markdownTable(def);
            def.names().forEach(key -> assertThat(table).as(name).contains("| `" + key + "` |"));
        });
    }
}
