package dev.binlogfc.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.teststack.connect.ConnectRestClient;
import dev.binlogfc.teststack.connect.ExternalWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connect worker JVMs ({@link ExternalWorker}) of one distributed cluster: one group, one set of internal topics,
 * each worker with a REST port and a log directory of its own ({@code worker-1}, {@code worker-2}, ...).
 */
final class WorkerCluster implements AutoCloseable {

    /** What each worker logs at INFO when it joins a generation of the group: the leader's REST address. */
    private static final Pattern JOINED = Pattern.compile(
            "Joined group at generation (\\d+) .*?leaderUrl='http://([^/']+)/'");

    private final List<ExternalWorker> workers;

    private WorkerCluster(List<ExternalWorker> workers) {
        this.workers = List.copyOf(workers);
    }

    /**
     * Starts {@code size} workers one after the other, each with the test stack's defaults plus {@code properties};
     * returns once every one has joined.
     */
    static WorkerCluster start(String bootstrapServers, Path directory, int size, Map<String, String> properties) {
        ExternalWorker first = new ExternalWorker(bootstrapServers, directory.resolve("worker-1"));
        properties.forEach(first::property);
        List<ExternalWorker> workers = new ArrayList<>(List.of(first));
        for (int i = 2; i <= size; i++) {
            workers.add(first.peer(directory.resolve("worker-" + i)));
        }
        WorkerCluster cluster = new WorkerCluster(workers);
        try {
            workers.forEach(ExternalWorker::start);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    List<ExternalWorker> workers() {
        return workers;
    }

    /** The REST API of a running worker: any worker forwards what needs the leader. */
    ConnectRestClient rest() {
        return workers.stream().filter(ExternalWorker::isRunning).findFirst().map(ExternalWorker::rest)
                .orElseThrow(() -> new IllegalStateException("No worker of the cluster is running"));
    }

    /** The worker that runs task {@code task} of {@code connector}, as the connector's status names it. */
    ExternalWorker runningTask(String connector, int task) {
        String workerId = taskStatus(connector, task).path("worker_id").asText();
        return workers.stream().filter(worker -> worker.workerId().equals(workerId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Task " + connector + "-" + task + " runs on "
                        + workerId + ", none of the cluster's workers"));
    }

    /** The ids of the tasks of {@code connector} that {@code worker} runs. */
    List<Integer> tasksOn(String connector, ExternalWorker worker) {
        List<Integer> tasks = new ArrayList<>();
        for (JsonNode task : rest().status(connector).path("tasks")) {
            if (worker.workerId().equals(task.path("worker_id").asText())) {
                tasks.add(task.path("id").asInt());
            }
        }
        return tasks;
    }

    /**
     * The group's leader, as the running workers logged it on joining the newest generation. Connect's REST API does
     * not say which worker leads; it matters because the leader alone remembers the previous assignment, which is
     * what lets it hold lost tasks back for {@code scheduled.rebalance.max.delay.ms}.
     */
    ExternalWorker leader() {
        String leaderId = workers.stream().filter(ExternalWorker::isRunning)
                .map(worker -> lastJoin(worker.currentLog())).flatMap(Optional::stream)
                .max(Comparator.comparingInt(Join::generation)).map(Join::leaderId)
                .orElseThrow(() -> new IllegalStateException("No running worker has logged its group's leader"));
        return workers.stream().filter(worker -> worker.workerId().equals(leaderId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The leader " + leaderId + " is none of the cluster's"
                        + " workers"));
    }

    private record Join(int generation, String leaderId) {
    }

    private static Optional<Join> lastJoin(Path log) {
        try {
            Matcher matcher = JOINED.matcher(Files.readString(log));
            Join join = null;
            while (matcher.find()) {
                join = new Join(Integer.parseInt(matcher.group(1)), matcher.group(2));
            }
            return Optional.ofNullable(join);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the worker log " + log, e);
        }
    }

    private JsonNode taskStatus(String connector, int task) {
        for (JsonNode status : rest().status(connector).path("tasks")) {
            if (status.path("id").asInt() == task) {
                return status;
            }
        }
        throw new IllegalStateException("Connector " + connector + " has no task " + task);
    }

    /** Kills every running worker JVM. */
    @Override
    public void close() {
        workers.forEach(ExternalWorker::close);
    }
}
