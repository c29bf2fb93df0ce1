package dev.binlogfc.teststack.connect;

import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One KRaft Kafka broker plus a distributed Kafka Connect cluster, all in this JVM, for tests and examples.
 *
 * <p>This is the only class that touches Kafka's test jars ({@code EmbeddedConnectCluster}); everything else talks
 * to the stack the way a user would: {@link ConnectRestClient} through the Connect REST API and {@link KafkaTopics}
 * through the Kafka clients. Connector plugins are whatever is on the test classpath.
 *
 * <pre>{@code
 * try (ConnectStack stack = ConnectStack.start()) {
 *     stack.rest().createOrUpdate("source", config);
 *     stack.rest().awaitRunning("source", 1, Duration.ofSeconds(60));
 *     stack.topics().consumeStrings("shop.orders", 3, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class ConnectStack implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final EmbeddedConnectCluster cluster;
    private final ConnectRestClient rest;
    private final KafkaTopics topics;

    private ConnectStack(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
        this.rest = new ConnectRestClient(restUrl());
        this.topics = new KafkaTopics(bootstrapServers());
    }

    /** Starts one broker and one worker with the default options. */
    public static ConnectStack start() {
        return start(new ConnectStackOptions());
    }

    /** Starts one broker and the configured workers; returns once every worker answers on its REST API. */
    public static ConnectStack start(ConnectStackOptions options) {
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name("binlogfc-" + UUID.randomUUID())
                .numBrokers(1)
                .brokerProps(options.brokerProperties())
                .numWorkers(options.workers())
                .workerProps(options.workerProperties())
                .build();
        try {
            cluster.start();
        } catch (RuntimeException e) {
            stopQuietly(cluster, e);
            throw e;
        }
        return new ConnectStack(cluster);
    }

    /** Base URL of a worker's REST API, e.g. {@code http://127.0.0.1:38123} (any worker forwards to the leader). */
    public String restUrl() {
        // The embedded cluster binds the REST listener to "localhost" and reports that name; use the address.
        return "http://" + LOOPBACK + ":" + cluster.workers().iterator().next().url().getPort();
    }

    /** The broker's bootstrap servers, for connector configs (schema history) and clients. */
    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /**
     * Shuts the broker down cleanly, keeps it down for {@code downtime}, and starts it again on the same port with
     * the same log directories (the KRaft controller stays up); returns once the broker serves requests again.
     * Clients and workers see the broker disappear and come back at the same address.
     */
    public void restartBroker(Duration downtime) throws InterruptedException {
        cluster.kafka().stopOnlyBrokers();
        Thread.sleep(downtime.toMillis());
        cluster.kafka().restartOnlyBrokers();
    }

    /** A client for the Connect REST API of this cluster. */
    public ConnectRestClient rest() {
        return rest;
    }

    /** Topic creation and consumption on this cluster's broker. */
    public KafkaTopics topics() {
        return topics;
    }

    /** Stops the workers, then the broker, and deletes their temporary directories. */
    @Override
    public void close() {
        cluster.stop();
    }

    private static void stopQuietly(EmbeddedConnectCluster cluster, RuntimeException cause) {
        try {
            cluster.stop();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
