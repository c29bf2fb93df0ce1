package dev.binlogfc.examples.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The plugin archives that {@code distribution} builds, installed as the README says: unzipped into a directory. */
final class PluginArchives {

    static final List<String> ARCHIVES = List.of("binlogfc-connect-source-canal.zip", "binlogfc-connect-sink-fc.zip",
            "binlogfc-smt-etl.zip");

    private PluginArchives() {
    }

    /** Where {@code distribution} wrote the archives. */
    static Path directory() {
        return Path.of(System.getProperty("binlogfc.plugin.archives", "../distribution/target"));
    }

    /** Unzips every archive into {@code pluginPath}, which then serves as a worker's {@code plugin.path}. */
    static void installAll(Path pluginPath) throws IOException {
        for (String archive : ARCHIVES) {
            unzip(directory().resolve(archive), pluginPath);
        }
    }

    private static void unzip(Path archive, Path into) throws IOException {
        assertThat(archive).as("built by the distribution module (mvn package)").isRegularFile();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException(archive + " has an entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }
}
