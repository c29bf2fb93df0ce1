package dev.binlogfc.examples;

import dev.binlogfc.teststack.connect.ConnectStackOptions;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LocalPipeline} is started: where the function endpoint echoes the batches it receives, the Connect
 * worker's options (e.g. {@code plugin.path}) and connector settings that differ from
 * {@code examples/connectors/source-mariadb-canal.json} and {@code sink-fc.json}.
 */
public final class PipelineOptions {
    private PrintStream echo;
    private ConnectStackOptions connect = new ConnectStackOptions();
    private final Map<String, String> sourceOverrides = new LinkedHashMap<>();
    private final Map<String, String> sinkOverrides = new LinkedHashMap<>();

    /** Print every batch the function endpoint receives to {@code echo} (default: print nothing). */
    public PipelineOptions echoTo(PrintStream echo) {
        this.echo = Objects.requireNonNull(echo, "echo");
        return this;
    }

    /** The Connect worker's options (default: {@code new ConnectStackOptions()}). */
    public PipelineOptions connect(ConnectStackOptions connect) {
        this.connect = Objects.requireNonNull(connect, "connect");
        return this;
    }

    /** Sets a key of the source connector's config, replacing the example file's value. */
    public PipelineOptions sourceProperty(String key, String value) {
        sourceOverrides.put(key, Objects.requireNonNull(value, "value of source property " + key));
        return this;
    }

    /** Sets a key of the sink connector's config, replacing the example file's value. */
    public PipelineOptions sinkProperty(String key, String value) {
        sinkOverrides.put(key, Objects.requireNonNull(value, "value of sink property " + key));
        return this;
    }

    PrintStream echo() {
        return echo;
    }

    ConnectStackOptions connect() {
        return connect;
    }

    Map<String, String> sourceOverrides() {
        return Map.copyOf(sourceOverrides);
    }

    Map<String, String> sinkOverrides() {
        return Map.copyOf(sinkOverrides);
    }
}
