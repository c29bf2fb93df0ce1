package dev.binlogfc.source.canal.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version, from the pom.properties that Maven packs into the jar. */
final class ConnectorVersion {

    private static final String POM_PROPERTIES = "/META-INF/maven/dev.binlogfc/connect-source-canal/pom.properties";
    /** Classes run from a build directory (tests, IDE) have no packed pom.properties. */
    private static final String UNPACKAGED = "unpackaged";
    private static final String VERSION = load();

    private ConnectorVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ConnectorVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return UNPACKAGED;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", UNPACKAGED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
        }
    }
}
