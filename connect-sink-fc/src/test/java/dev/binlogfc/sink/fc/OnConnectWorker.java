package dev.binlogfc.sink.fc;

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
