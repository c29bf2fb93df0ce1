package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.TIMEOUT;
import static dev.binlogfc.sink.fc.SinkTaskHarness.partition;
import static dev.binlogfc.sink.fc.SinkTaskHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** FC 3.0 and plain HTTP targets, through the same batching and retry engine as FC 2.0. */
class InvocationTargetsTest extends AgainstLocalEndpoint {

    @Override
    protected FcLocalEndpoint.Builder endpoint() {
        return FcLocalEndpoint.builder().service("unused").function("demo-function").qualifier("prod")
            .accessKey("STS.key", "sts-secret").securityToken("sts-token")
            .webhook("/hooks/orders", "hook-token");
    }

    private void startFc3(String secret) {
        sink = SinkTaskHarness.start(fc, "target.type", "fc3", "fc.qualifier", "prod",
            "fc.access.key.id", "STS.key", "fc.access.key.secret", secret, "fc.security.token", "sts-token",
            "batch.max.records", "2");
    }

    private void startHttp(String token) {
        sink = SinkTaskHarness.start(fc, "target.type", "http", "http.url", fc.webhookUrl(),
            "http.headers", "X-Tenant: shop, X-Source: binlog", "http.bearer.token", token, "batch.max.records", "2");
    }

    @Test
    void deliversToAnFc3FunctionVersionSignedWithSignatureV3AndAnStsToken() throws Exception {
        startFc3("sts-secret");
        fc.faults().failNext(1, 503);

        sink.task.put(rows(0, 0, 4));

        fc.awaitRecords(5, TIMEOUT);
        assertThat(fc.receivedBatches()).extracting(batch -> batch.records().size()).containsExactly(2, 2, 1);
        assertThat(fc.receivedBatches()).allSatisfy(batch -> {
            assertThat(batch.headers()).containsEntry("x-acs-action", "InvokeFunction")
                .containsEntry("x-fc-invocation-type", "Sync");
        });
        sink.awaitCommittable(partition(0), 5);
        assertThat(sink.context.metric("retries-total", "cause", "connection")).isEqualTo(1);
    }

    @Test
    void failsFastWhenFc3RejectsTheSignature() {
        startFc3("wrong-secret");

        sink.task.put(rows(0, 0, 0));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("FC 3.0 function demo-function (qualifier prod)")
            .hasMessageContaining("HTTP 403, SignatureNotMatch")
            .hasMessageContaining("check fc.access.key.id")
            .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void postsBatchesToAPlainHttpEndpointWithHeadersAndBearerToken() throws Exception {
        startHttp("hook-token");
        fc.faults().failNext(1, 429);

        sink.task.put(rows(0, 0, 3));

        fc.awaitRecords(4, TIMEOUT);
        assertThat(fc.receivedBatches()).allSatisfy(batch -> assertThat(batch.headers())
            .containsEntry("x-tenant", "shop").containsEntry("x-source", "binlog")
            .containsEntry("content-type", "application/json"));
        sink.awaitCommittable(partition(0), 4);
        assertThat(sink.context.metric("retries-total", "cause", "throttled")).isEqualTo(1);
    }

    @Test
    void failsFastWhenTheHttpEndpointRejectsTheToken() {
        startHttp("wrong-token");

        sink.task.put(rows(0, 0, 0));

        assertThat(sink.awaitFailure()).isExactlyInstanceOf(ConnectException.class)
            .hasMessageContaining("HTTP endpoint http://127.0.0.1:" + fc.port() + "/hooks/orders answered HTTP 401")
            .hasMessageContaining("check http.bearer.token")
            .hasMessageNotContaining("wrong-token");
    }
}
