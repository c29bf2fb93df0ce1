package dev.binlogfc.source.canal.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A checked-in file under {@code src/test/resources/golden/} holding the exact Canal JSON records a function receives,
 * one per line, with the wall-clock fields blanked. Run the tests with {@code -Dgolden.update=true} to rewrite the
 * files from what the stack produced (then review the diff before committing it).
 */
final class GoldenFile {

    /** Fields that change from run to run: the delivery time, and the source's commit time of binlog events. */
    private static final List<String> WALL_CLOCK_FIELDS = List.of("ts", "es");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "golden");

    private GoldenFile() {
    }

    /** Each topic value (Canal JSON text) with {@code ts} and {@code es} set to 0, re-serialized in its key order. */
    static String normalize(List<String> topicValues) {
        StringBuilder lines = new StringBuilder();
        for (String value : topicValues) {
            try {
                ObjectNode record = (ObjectNode) JSON.readTree(value);
                WALL_CLOCK_FIELDS.forEach(field -> record.put(field, 0L));
                lines.append(JSON.writeValueAsString(record)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("Topic value is not JSON: " + value, e);
            }
        }
        return lines.toString();
    }

    /** Asserts byte equality with the checked-in file, or rewrites it when {@code golden.update} is set. */
    static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(SOURCE_DIR);
            Files.writeString(SOURCE_DIR.resolve(name), actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream expected = GoldenFile.class.getResourceAsStream("/golden/" + name)) {
            assertThat(expected).as("golden file src/test/resources/golden/%s (create it with -Dgolden.update=true)", name)
                    .isNotNull();
            byte[] expectedBytes = expected.readAllBytes();
            assertThat(actual.getBytes(StandardCharsets.UTF_8))
                    .as("records differ from golden/%s; actual:%n%s", name, actual)
                    .isEqualTo(expectedBytes);
        }
    }
}
