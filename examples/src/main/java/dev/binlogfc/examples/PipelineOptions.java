package dev.binlogfc.examples;

import dev.binlogfc.teststack.connect.ConnectStackOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LocalPipeline} is started: where the function endpoint echoes the batches it receives, the Connect
 * worker's options (e.g. {@code plugin.path}), connector settings that differ from
 * {@code examples/connectors/source-mariadb-canal.json} and {@code sink-fc.json}, and statements that prepare the
 * source before they start.
 */
public final class PipelineOptions {
    private PrintStream echo;
    private ConnectStackOptions connect = new ConnectStackOptions();
    private final Map<String, String> sourceOverrides = new LinkedHashMap<>();
    private final Map<String, String> sinkOverrides = new LinkedHashMap<>();
    private final List<String> setupStatements = new ArrayList<>();

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

    /**
     * Runs a statement on the source database after the sample schema and the connector's account
     * ({@link LocalPipeline#SOURCE_USER}) are created and before the connectors start.
     */
    public PipelineOptions setupStatement(String sql) {
        setupStatements.add(Objects.requireNonNull(sql, "sql"));
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

    List<String> setupStatements() {
        return List.copyOf(setupStatements);
    }
}
