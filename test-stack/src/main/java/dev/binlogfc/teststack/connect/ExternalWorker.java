package dev.binlogfc.teststack.connect;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A distributed Kafka Connect worker in its own JVM ({@code ConnectDistributed}), so that it can die the way a
 * production worker does: {@link #kill()} sends SIGKILL, no shutdown hook runs, no task is stopped, no offset is
 * committed. {@link #start()} then starts a new JVM with the same properties (same group, same config, offset and
 * status topics, same REST port), which takes over the connectors from their last committed offsets.
 *
 * <p>The worker joins a group of its own, so the in-process worker of a {@link ConnectStack} on the same broker
 * never runs its connectors. By default the worker runs on this JVM's Java and class path (so connector plugins are
 * whatever is on it, as for {@link ConnectStack}); {@link #runtime} runs another Kafka Connect release or another
 * JDK instead, e.g. with the plugins on {@code plugin.path}. Each JVM logs to its own file in the given directory.
 *
 * <pre>{@code
 * try (ExternalWorker worker = new ExternalWorker(stack.bootstrapServers(), Path.of("target", "worker"))) {
 *     worker.start();
 *     worker.rest().createOrUpdate("sink", config);
 *     worker.kill();
 *     worker.start();
 * }
 * }</pre>
 */
public final class ExternalWorker implements AutoCloseable {

    /** Scanning plugin.path for Debezium's many jars takes over a minute on a busy two-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration DEATH_TIMEOUT = Duration.ofSeconds(10);
    private static final int SIGKILL_EXIT_CODE = 128 + 9;

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private String classpath = System.getProperty("java.class.path");
    private final Path directory;
    private final String restUrl;
    private final ConnectRestClient rest;
    private Process process;
    private Thread reaper;
    private int started;

    /**
     * A worker of a new group on the broker at {@code bootstrapServers}; nothing starts until {@link #start()}.
     *
     * @param directory where the properties file and one log file per started JVM are written
     */
    public ExternalWorker(String bootstrapServers, Path directory) {
        this.directory = directory;
        String group = "external-worker-" + UUID.randomUUID();
        int restPort = freePort();
        this.restUrl = "http://127.0.0.1:" + restPort;
        this.rest = new ConnectRestClient(restUrl);
        property("bootstrap.servers", bootstrapServers);
        property("group.id", group);
        property("config.storage.topic", group + "-configs");
        property("offset.storage.topic", group + "-offsets");
        property("status.storage.topic", group + "-status");
        property("config.storage.replication.factor", "1");
        property("offset.storage.replication.factor", "1");
        property("status.storage.replication.factor", "1");
        property("offset.storage.partitions", "1");
        property("status.storage.partitions", "1");
        property("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        property("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        property("listeners", restUrl);
        property("rest.advertised.host.name", "127.0.0.1");
        property("rest.advertised.port", Integer.toString(restPort));
        property("plugin.discovery", "service_load");
        property("offset.flush.interval.ms", "1000");
        // A killed worker and its sink consumers stay members of their groups until their sessions expire; short
        // sessions and no delayed reassignment let the next JVM take over within seconds instead of minutes.
        property("session.timeout.ms", "6000");
        property("heartbeat.interval.ms", "2000");
        property("scheduled.rebalance.max.delay.ms", "0");
        property("consumer.session.timeout.ms", "6000");
        property("consumer.heartbeat.interval.ms", "2000");
    }

    /** Sets a worker property, replacing a default; takes effect at the next {@link #start()}. */
    public ExternalWorker property(String name, String value) {
        properties.put(name, Objects.requireNonNull(value, "value of worker property " + name));
        return this;
    }

    /**
     * Runs the worker on the JDK at {@code javaHome} with {@code classpath} (a Kafka Connect runtime's jars), from the
     * next {@link #start()} on.
     */
    public ExternalWorker runtime(Path javaHome, String classpath) {
        this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
        this.classpath = Objects.requireNonNull(classpath, "classpath");
        return this;
    }

    /** Adds an option to the worker JVM's command line (e.g. {@code -Dlog4j.configuration=...}). */
    public ExternalWorker jvmOption(String option) {
        jvmOptions.add(Objects.requireNonNull(option, "option"));
        return this;
    }

    /**
     * Starts a new worker JVM and returns once its REST API reports it healthy (joined the group).
     *
     * @throws IllegalStateException when a worker JVM of this instance is still running, or the new one does not
     *     become healthy in time (the message names its log file)
     */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Worker process " + process.pid() + " is still running; kill() it first");
        }
        started++;
        Path log = currentLog();
        try {
            Files.createDirectories(directory);
            Path propertiesFile = writeProperties();
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classpath, "org.apache.kafka.connect.cli.ConnectDistributed",
                    propertiesFile.toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a Connect worker JVM logging to " + log, e);
        }
        unregisterReaper();
        registerReaper(process);
        awaitHealthy(log);
    }

    /**
     * Sends SIGKILL to the running worker JVM and waits until it is gone.
     *
     * @throws IllegalStateException when no worker runs or it did not die of SIGKILL in time
     */
    public void kill() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("No worker process is running");
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(DEATH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Worker process " + process.pid() + " still runs " + DEATH_TIMEOUT
                        + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for worker process " + process.pid(), e);
        }
        if (process.exitValue() != SIGKILL_EXIT_CODE) {
            throw new IllegalStateException("Worker process " + process.pid() + " exited with " + process.exitValue()
                    + " before SIGKILL reached it; see " + currentLog());
        }
        unregisterReaper();
    }

    /** The worker's REST API; the same address for every JVM started from this instance. */
    public ConnectRestClient rest() {
        return rest;
    }

    /** The log file of the most recently started JVM. */
    public Path currentLog() {
        return directory.resolve("worker-" + started + ".log");
    }

    /** Kills the running worker JVM, if any. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private Path writeProperties() throws IOException {
        Properties worker = new Properties();
        worker.putAll(properties);
        Path file = directory.resolve("worker.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            worker.store(out, "Connect worker started by " + ExternalWorker.class.getName());
        }
        return file;
    }

    private void awaitHealthy(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!rest.isHealthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Connect worker JVM exited with " + process.exitValue()
                        + " while starting; see " + log);
            }
            if (System.nanoTime() - deadline > 0) {
                close();
                throw new IllegalStateException("The Connect worker JVM did not become healthy at " + restUrl
                        + " within " + START_TIMEOUT + "; see " + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for the Connect worker JVM", e);
            }
        }
    }

    /** A JVM that exits without closing this instance must not leave the worker running. */
    private void registerReaper(Process running) {
        reaper = new Thread(running::destroyForcibly, "kill-connect-worker-" + running.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    private void unregisterReaper() {
        if (reaper == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is shutting down; the hook runs anyway and kills a process that is already gone.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on 127.0.0.1 for the worker's REST API", e);
        }
    }
}
