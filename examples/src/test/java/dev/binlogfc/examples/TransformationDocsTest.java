package dev.binlogfc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.route.RouteTables;
import dev.binlogfc.sink.fc.FcSinkConnector;
import dev.binlogfc.source.canal.connector.CanalSourceConnector;
import dev.binlogfc.source.canal.limit.RecordSizeLimit;
import dev.binlogfc.source.canal.transform.CanalJsonTransform;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every transformation the plugins ship reports its version and documents itself as Kafka's own transforms do,
 * has its section in the README's configuration reference and is listed for Connect's ServiceLoader discovery. The
 * classes are found by scanning the plugins' classes, so that a new transformation lacking any of it fails here.
 */
class TransformationDocsTest {

    /** One class of each plugin module: the scan covers the classes packed with it. */
    private static final List<Class<?>> PLUGIN_CLASSES =
            List.of(CanalSourceConnector.class, FcSinkConnector.class, CanalRecordTransformation.class);
    private static final String PLUGIN_PACKAGES = "dev/binlogfc/";

    private static List<Class<?>> transformations;

    @BeforeAll
    static void scanThePlugins() throws Exception {
        transformations = new ArrayList<>();
        for (Class<?> pluginClass : PLUGIN_CLASSES) {
            Path location = Path.of(pluginClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                transformations.addAll(transformationsUnder(location));
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    transformations.addAll(transformationsUnder(jar.getPath("/")));
                }
            }
        }
    }

    @Test
    void theScanFindsTheTransformationsOfEveryPluginThatHasThem() {
        assertThat(transformations).contains(CanalJsonTransform.class, RecordSizeLimit.class, RouteTables.class);
    }

    @Test
    void everyTransformationReportsThePluginVersion() throws Exception {
        for (Class<?> type : transformations) {
            Transformation<?> transformation = (Transformation<?>) type.getDeclaredConstructor().newInstance();
            try {
                assertThat(transformation).as(type.getName()).isInstanceOf(Versioned.class);
                assertThat(((Versioned) transformation).version()).as(type.getName()).isNotBlank();
            } finally {
                transformation.close();
            }
        }
    }

    @Test
    void everyTransformationHasAnOverviewAndItsSectionInTheConfigurationReference() {
        assertThat(ConfigReference.transformations().values()).containsAll(transformations);
        for (Class<?> type : transformations) {
            assertThat(ConfigReference.overview(type)).as(type.getName()).isNotBlank();
        }
    }

    @Test
    void everyTransformationIsListedForServiceLoaderDiscovery() {
        List<Class<?>> listed = ServiceLoader.load(Transformation.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();

        assertThat(listed).containsAll(transformations);
    }

    /** The public concrete Transformation classes below a class path root, a directory or a jar's root. */
    private static List<Class<?>> transformationsUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(file -> root.relativize(file).toString())
                    .filter(name -> name.startsWith(PLUGIN_PACKAGES) && name.endsWith(".class"))
                    .map(TransformationDocsTest::loadClass)
                    .filter(type -> Transformation.class.isAssignableFrom(type)
                            && Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()))
                    .toList();
        }
    }

    private static Class<?> loadClass(String classFile) {
        String name = classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
        try {
            return Class.forName(name, false, TransformationDocsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the class file " + classFile + " was found but its class was not", e);
        }
    }
}
