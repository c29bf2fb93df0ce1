package dev.binlogfc.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.teststack.connect.ConnectRestClient;
import dev.binlogfc.teststack.connect.ExternalWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Connect worker JVMs ({@link ExternalWorker}) of one distributed cluster: one group, one set of internal topics,
 * each worker with a REST port and a log directory of its own ({@code worker-1}, {@code worker-2}, ...).
 */
final class WorkerCluster implements AutoCloseable {

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
