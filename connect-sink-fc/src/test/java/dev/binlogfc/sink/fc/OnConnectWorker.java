package dev.binlogfc.sink.fc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.teststack.connect.ConnectRestException;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests of the sink in a real Connect worker: one worker and one local function for the whole test class. */
abstract class OnConnectWorker {

    protected static FcLocalEndpoint fc;
    protected static ConnectStack stack;

    @BeforeAll
    static void startWorkerAndFunction() throws Exception {
        fc = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").start();
        stack = ConnectStack.start();
    }

    /** The state of the connector's task, or "" while Connect has no status for it yet. */
    protected static String taskState(String connector) {
        JsonNode tasks;
        try {
            tasks = stack.rest().status(connector).path("tasks");
        } catch (ConnectRestException e) {
            if (e.status() == 404) {
                return "";
            }
            throw e;
        }
        return tasks.isEmpty() ? "" : tasks.get(0).path("state").asText();
    }

    @AfterAll
    static void stopWorkerAndFunction() {
        if (stack != null) {
            stack.close();
        }
        if (fc != null) {
            fc.close();
        }
    }
}
