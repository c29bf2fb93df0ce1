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
 * never runs its connectors; {@link #peer} makes another worker of the same group, for a cluster of several JVMs. By default the worker runs on this JVM's Java and class path (so connector plugins are
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
    /** A graceful stop waits for each task's stop (task.shutdown.graceful.timeout.ms, 5 s) and leaves the group. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int SIGKILL_EXIT_CODE = 128 + 9;

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private String classpath = System.getProperty("java.class.path");
    private final Path directory;
    private final int restPort;
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
        this(directory);
        String group = "external-worker-" + UUID.randomUUID();
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

    /** A worker listening on a free port of its own; the caller sets every other property. */
    private ExternalWorker(Path directory) {
        this.directory = directory;
        this.restPort = freePort();
        this.restUrl = "http://127.0.0.1:" + restPort;
        this.rest = new ConnectRestClient(restUrl);
        property("listeners", restUrl);
        property("rest.advertised.host.name", "127.0.0.1");
        property("rest.advertised.port", Integer.toString(restPort));
    }

    /**
     * Another worker of this one's Connect cluster: the same group, internal topics, properties, JVM options and
     * runtime, but a REST port of its own; nothing starts until its {@link #start()}.
     *
     * @param directory where the peer writes its properties file and logs (not this worker's directory)
     */
    public ExternalWorker peer(Path directory) {
        ExternalWorker peer = new ExternalWorker(directory);
        properties.forEach((name, value) -> peer.properties.putIfAbsent(name, value));
        peer.jvmOptions.addAll(jvmOptions);
        peer.javaHome = javaHome;
        peer.classpath = classpath;
        return peer;
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
        if (isRunning()) {
            throw new IllegalStateException("Worker process " + process.pid() + " is still running; stop() or kill() "
                    + "it first");
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
        if (!isRunning()) {
            throw new IllegalStateException("No worker process is running");
        }
        process.destroyForcibly();
        awaitExit(DEATH_TIMEOUT, "SIGKILL");
        if (process.exitValue() != SIGKILL_EXIT_CODE) {
            throw new IllegalStateException("Worker process " + process.pid() + " exited with " + process.exitValue()
                    + " before SIGKILL reached it; see " + currentLog());
        }
        unregisterReaper();
    }

    /**
     * Stops the running worker JVM the way an operator does (SIGTERM): it stops its tasks, commits their offsets and
     * leaves the group before it exits; returns once it is gone.
     *
     * @throws IllegalStateException when no worker runs or it is still running after a minute
     */
    public void stop() {
        if (!isRunning()) {
            throw new IllegalStateException("No worker process is running");
        }
        process.destroy();
        awaitExit(STOP_TIMEOUT, "SIGTERM");
        unregisterReaper();
    }

    private void awaitExit(Duration timeout, String signal) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Worker process " + process.pid() + " still runs " + timeout
                        + " after " + signal + "; see " + currentLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for worker process " + process.pid(), e);
        }
    }

    /** Whether a worker JVM of this instance is alive. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** How Connect names this worker in connector and task status ({@code worker_id}): its advertised host:port. */
    public String workerId() {
        return "127.0.0.1:" + restPort;
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
        if (isRunning()) {
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
