package dev.binlogfc.examples;

import dev.binlogfc.examples.function.FunctionRunner;
import dev.binlogfc.examples.function.ReplicaFunction;
import dev.binlogfc.examples.function.TargetDatabase;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@link LocalPipeline} with the example function at its end: a second MariaDB that {@link ReplicaFunction}
 * (run by {@link FunctionRunner} on what the local function endpoint receives) keeps an exact replica of the source.
 * Schema changes travel on their table's topic ({@code ddl.delivery=table-topic}), in order with its rows, so that
 * the function can apply them. The README's run command and the replica's end-to-end test run this.
 */
public final class ReplicaPipeline implements AutoCloseable {
    private static final long REPLICA_SERVER_ID = 2L;

    private final LocalPipeline pipeline;
    private final MariaDbServer replica;
    private final FunctionRunner function;

    private ReplicaPipeline(LocalPipeline pipeline, MariaDbServer replica, FunctionRunner function) {
        this.pipeline = pipeline;
        this.replica = replica;
        this.function = function;
    }

    /** Starts the pipeline as {@code options} say, the replica and the function; its progress goes to {@code progress}. */
    public static ReplicaPipeline start(PipelineOptions options, PrintStream progress) throws IOException {
        // The replica starts empty: the full copy must bring each table's CREATE TABLE ahead of its rows.
        LocalPipeline pipeline = LocalPipeline.startWith(options.sourceProperty("canal.snapshot.ddl", "create"));
        MariaDbServer replica = null;
        try {
            replica = MariaDbServer.start(new MariaDbServerOptions().serverId(REPLICA_SERVER_ID));
            ReplicaFunction handler = new ReplicaFunction(new TargetDatabase(replica.jdbcUrl(""), "root", ""));
            return new ReplicaPipeline(pipeline, replica, FunctionRunner.start(pipeline.function(), handler, progress));
        } catch (RuntimeException e) {
            LocalPipeline.closeAll(replica, pipeline);
            throw e;
        }
    }

    public LocalPipeline pipeline() {
        return pipeline;
    }

    /** The replica database (user root, no password). */
    public MariaDbServer replica() {
        return replica;
    }

    public FunctionRunner function() {
        return function;
    }

    @Override
    public void close() {
        LocalPipeline.closeAll(function, pipeline, replica);
    }
}
