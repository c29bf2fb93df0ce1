package dev.binlogfc.sink.fc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version, written into a resource by the Maven build. */
final class ConnectorVersion {

    private static final String RESOURCE = "connector-version.properties";
    private static final String VERSION = load();

    private ConnectorVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ConnectorVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to " + ConnectorVersion.class.getName()
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
