package dev.binlogfc.common.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The project version, which the Maven build writes into a resource of this jar. Every plugin bundles this jar and
 * every module is built at the project's version, so each plugin reports the version it was built at, from a build
 * directory (tests) as from its archive.
 */
public final class Version {

    private static final String RESOURCE = "version.properties";
    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to " + Version.class.getName()
                    + "; the jar was not built by the project's Maven build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
