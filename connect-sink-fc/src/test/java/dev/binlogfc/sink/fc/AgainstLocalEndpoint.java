package dev.binlogfc.sink.fc;

import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of a sink task against a fresh local FC endpoint; both are closed after each test. */
abstract class AgainstLocalEndpoint {

    protected FcLocalEndpoint fc;
    protected SinkTaskHarness sink;

    /** The endpoint each test talks to; a test class overrides it for other services, keys or webhooks. */
    protected FcLocalEndpoint.Builder endpoint() {
        return FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret");
    }

    @BeforeEach
    final void startEndpoint() throws IOException {
        fc = endpoint().start();
    }

    @AfterEach
    final void stopSinkAndEndpoint() {
        if (sink != null) {
            sink.close();
        }
        fc.close();
    }
}
