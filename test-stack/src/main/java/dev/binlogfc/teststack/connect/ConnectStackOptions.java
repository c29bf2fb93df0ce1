package dev.binlogfc.teststack.connect;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * How a {@link ConnectStack} is started: the number of Connect workers and the worker properties.
 *
 * <p>Defaults: one worker, {@code plugin.discovery=service_load} (plugins come from the test classpath, which cuts
 * worker start-up from about 14 s to about 5 s), {@code offset.flush.interval.ms=1000} so that source offsets are
 * committed quickly, and a REST URL advertised on 127.0.0.1. The broker creates topics on first use, as a stock
 * Kafka broker does ({@code auto.create.topics.enable=true}; Kafka's embedded cluster would turn it off).
 */
public final class ConnectStackOptions {

    /** Set by Kafka's embedded cluster itself; a value given here would be silently replaced. */
    private static final Set<String> MANAGED_PROPERTIES = Set.of("bootstrap.servers", "listeners");

    private final Map<String, String> workerProperties = new LinkedHashMap<>();
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private int workers = 1;

    public ConnectStackOptions() {
        workerProperty("plugin.discovery", "service_load");
        offsetFlushInterval(Duration.ofSeconds(1));
        // The REST listener is bound to localhost; advertising 127.0.0.1 keeps every request on that address.
        workerProperty("rest.advertised.host.name", "127.0.0.1");
        brokerProperty("auto.create.topics.enable", "true");
    }

    /** Number of Connect workers in the cluster (at least 1). */
    public ConnectStackOptions workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("A Connect cluster needs at least 1 worker, got " + workers);
        }
        this.workers = workers;
        return this;
    }

    /** How often workers commit source offsets ({@code offset.flush.interval.ms}). */
    public ConnectStackOptions offsetFlushInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("offset flush interval must be positive, got " + interval);
        }
        return workerProperty("offset.flush.interval.ms", Long.toString(interval.toMillis()));
    }

    /** Sets any worker property, replacing a default. */
    public ConnectStackOptions workerProperty(String name, String value) {
        Objects.requireNonNull(value, "value of worker property " + name);
        if (MANAGED_PROPERTIES.contains(name)) {
            throw new IllegalArgumentException("Worker property '" + name + "' is set by the embedded cluster "
                    + "(managed: " + MANAGED_PROPERTIES + "); remove it from the options");
        }
        workerProperties.put(name, value);
        return this;
    }

    /** Sets a property of the (single) broker, e.g. {@code auto.create.topics.enable=false}. */
    public ConnectStackOptions brokerProperty(String name, String value) {
        brokerProperties.put(name, Objects.requireNonNull(value, "value of broker property " + name));
        return this;
    }

    int workers() {
        return workers;
    }

    Map<String, String> workerProperties() {
        return new LinkedHashMap<>(workerProperties);
    }

    Properties brokerProperties() {
        Properties properties = new Properties();
        properties.putAll(brokerProperties);
        return properties;
    }
}
