package dev.binlogfc.examples.packaging;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * The class path of a released Kafka Connect worker ({@code org.apache.kafka:connect-runtime} of a version, with its
 * runtime dependencies), resolved from Maven Central into the build's local repository, as a distribution's
 * {@code libs/} directory would hold it: plus the logging binding that Kafka's distribution adds (reload4j up to
 * 3.x, Log4j 2 from 4.0 on), which connect-runtime's POM leaves out.
 */
final class ConnectRuntime {

    private static final RemoteRepository CENTRAL = new RemoteRepository.Builder("central", "default",
            "https://repo.maven.apache.org/maven2/").build();

    private ConnectRuntime() {
    }

    private static List<Dependency> runtimeDependencies(String version) {
        List<String> artifacts = version.startsWith("3.")
                ? List.of("org.slf4j:slf4j-reload4j:1.7.36")
                : List.of("org.apache.logging.log4j:log4j-slf4j-impl:2.25.4", "org.apache.logging.log4j:log4j-core:2.25.4");
        List<Dependency> dependencies = new ArrayList<>();
        dependencies.add(new Dependency(new DefaultArtifact("org.apache.kafka:connect-runtime:" + version),
                JavaScopes.RUNTIME));
        artifacts.forEach(artifact -> dependencies.add(new Dependency(new DefaultArtifact(artifact), JavaScopes.RUNTIME)));
        return dependencies;
    }

    /** The class path of Connect {@code version}, e.g. {@code 3.1.2}. */
    static String classpath(String version) throws DependencyResolutionException {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            Path localRepository = Path.of(System.getProperty("maven.repo.local",
                    Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
            session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                    new LocalRepository(localRepository.toFile())));
            // Without them, profiles in POMs (e.g. activated by the JDK) fail to evaluate.
            session.setSystemProperties(System.getProperties());
            // A POM that cannot be read must fail the resolution, not silently drop its dependencies.
            session.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false));
            CollectRequest collect = new CollectRequest(runtimeDependencies(version), List.of(), List.of(CENTRAL));
            List<ArtifactResult> jars = system.resolveDependencies(session, new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME))).getArtifactResults();
            return jars.stream().map(jar -> jar.getArtifact().getFile().getAbsolutePath())
                    .collect(Collectors.joining(File.pathSeparator));
        } finally {
            system.shutdown();
        }
    }
}
