package dev.binlogfc.teststack.fc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FcLocalEndpointTest {

    private static final String BATCH = "{\"Records\":[{\"id\":1,\"ts\":10},{\"id\":2,\"ts\":10}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream echoed = new ByteArrayOutputStream();
    private FcLocalEndpoint fc;

    @BeforeEach
    void startEndpoint() throws Exception {
        fc = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").echoTo(new PrintStream(echoed, true, StandardCharsets.UTF_8))
            .start();
    }

    @AfterEach
    void stopEndpoint() {
        fc.close();
    }

    private SignedRequests requests() {
        return new SignedRequests(fc.url(), "test-key", "test-secret", "demo-service", "demo-function");
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void acceptsASignedInvocationAndRecordsTheBatch() throws Exception {
        HttpResponse<String> response = send(requests().post(BATCH));

        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("X-Fc-Request-Id").orElseThrow();
        assertThat(response.headers().firstValue("X-Fc-Error-Type")).isEmpty();
        assertThat(json(response).path("receivedRecords").asInt()).isEqualTo(2);
        assertThat(fc.receivedBatches()).singleElement().satisfies(batch -> {
            assertThat(batch.requestId()).isEqualTo(requestId);
            assertThat(batch.records()).extracting(record -> record.path("id").asInt()).containsExactly(1, 2);
            assertThat(batch.invocationType()).isEqualTo("Sync");
            assertThat(batch.headers()).containsEntry("content-type", "application/json").containsKey("date");
        });
        assertThat(echoed.toString(StandardCharsets.UTF_8))
            .contains("demo-service.LATEST/demo-function received batch 1 (2 records, request id " + requestId);
    }

    @Test
    void getFunctionAnswersTheConfigurationOfAnExistingFunctionWithoutRunningIt() throws Exception {
        String functionPath = "/2016-08-15/services/demo-service.LATEST/functions/demo-function";
        HttpResponse<String> found = send(requests().path(functionPath).get());
        HttpResponse<String> wrongSecret = send(requests().path(functionPath).accessKey("test-key", "wrong").get());
        HttpResponse<String> otherService = send(requests()
            .path("/2016-08-15/services/other/functions/demo-function").get());
        HttpResponse<String> otherFunction = send(requests()
            .path("/2016-08-15/services/demo-service/functions/other").get());
        HttpResponse<String> otherVersion = send(requests()
            .path("/2016-08-15/services/demo-service.3/functions/demo-function").get());

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found).path("functionName").asText()).isEqualTo("demo-function");
        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(json(wrongSecret).path("ErrorCode").asText()).isEqualTo("SignatureNotMatch");
        assertThat(json(otherService).path("ErrorCode").asText()).isEqualTo("ServiceNotFound");
        assertThat(json(otherFunction).path("ErrorCode").asText()).isEqualTo("FunctionNotFound");
        assertThat(otherVersion.statusCode()).isEqualTo(404);
        assertThat(json(otherVersion).path("ErrorCode").asText()).isEqualTo("VersionNotFound");
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void getFunctionIsDeniedToAnAccessKeyThatMayOnlyInvoke() throws Exception {
        try (FcLocalEndpoint invokeOnly = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").denyGetFunction().start()) {
            SignedRequests requests = new SignedRequests(invokeOnly.url(), "test-key", "test-secret", "demo-service",
                "demo-function");

            HttpResponse<String> denied = send(requests
                .path("/2016-08-15/services/demo-service/functions/demo-function").get());

            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(json(denied).path("ErrorCode").asText()).isEqualTo("AccessDenied");
        }
    }

    @Test
    void aPathWithTheLatestQualifierAddressesTheSameFunction() throws Exception {
        HttpResponse<String> response = send(requests()
            .path("/2016-08-15/services/demo-service.LATEST/functions/demo-function/invocations").post(BATCH));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void asyncInvocationsAreAcceptedWith202() throws Exception {
        HttpResponse<String> response = send(requests().fcHeader("x-fc-invocation-type", "Async").post(BATCH));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(fc.receivedBatches()).singleElement()
            .satisfies(batch -> assertThat(batch.invocationType()).isEqualTo("Async"));
    }

    @Test
    void rejectsAWrongSecretWithSignatureNotMatch() throws Exception {
        HttpResponse<String> response = send(requests().accessKey("test-key", "other-secret").post(BATCH));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("ErrorCode").asText()).isEqualTo("SignatureNotMatch");
        assertThat(response.headers().firstValue("X-Fc-Request-Id")).isPresent();
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void rejectsAnFcHeaderChangedAfterSigning() throws Exception {
        HttpResponse<String> response = send(requests().addedAfterSigning("x-fc-invocation-type", "Async")
            .post(BATCH));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("ErrorCode").asText()).isEqualTo("SignatureNotMatch");
    }

    @Test
    void rejectsAnUnknownAccessKeyId() throws Exception {
        HttpResponse<String> response = send(requests().accessKey("other-key", "test-secret").post(BATCH));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("ErrorCode").asText()).isEqualTo("InvalidAccessKeyID");
    }

    @Test
    void rejectsADateMoreThanFifteenMinutesOff() throws Exception {
        HttpResponse<String> response = send(requests().date(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(16))
            .post(BATCH));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("ErrorCode").asText()).isEqualTo("RequestTimeTooSkewed");
    }

    @Test
    void acceptsADateWithinFifteenMinutes() throws Exception {
        HttpResponse<String> response = send(requests().date(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(14))
            .post(BATCH));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void requiresADateHeader() throws Exception {
        HttpResponse<String> response = send(requests().withoutDate().post(BATCH));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("ErrorCode").asText()).isEqualTo("MissingRequiredHeader");
    }

    @Test
    void answersUnknownServicesAndFunctionsWith404() throws Exception {
        HttpResponse<String> unknownFunction = send(requests()
            .path("/2016-08-15/services/demo-service/functions/other/invocations").post(BATCH));
        HttpResponse<String> unknownService = send(requests()
            .path("/2016-08-15/services/other/functions/demo-function/invocations").post(BATCH));
        HttpResponse<String> unknownAlias = send(requests()
            .path("/2016-08-15/services/demo-service.prod/functions/demo-function/invocations").post(BATCH));

        assertThat(unknownFunction.statusCode()).isEqualTo(404);
        assertThat(json(unknownFunction).path("ErrorCode").asText()).isEqualTo("FunctionNotFound");
        assertThat(json(unknownService).path("ErrorCode").asText()).isEqualTo("ServiceNotFound");
        assertThat(json(unknownAlias).path("ErrorCode").asText()).isEqualTo("AliasNotFound");
    }

    @Test
    void requiresTheConfiguredSecurityToken() throws Exception {
        try (FcLocalEndpoint sts = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("STS.key", "sts-secret").securityToken("token-1").start()) {
            SignedRequests requests = new SignedRequests(sts.url(), "STS.key", "sts-secret", "demo-service",
                "demo-function");

            HttpResponse<String> withoutToken = send(requests.post(BATCH));
            HttpResponse<String> withToken = send(requests.fcHeader("x-fc-security-token", "token-1").post(BATCH));

            assertThat(withoutToken.statusCode()).isEqualTo(403);
            assertThat(json(withoutToken).path("ErrorCode").asText()).isEqualTo("InvalidSecurityToken");
            assertThat(withToken.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void failsTheNextCallsWithTheInjectedStatusThenRecovers() throws Exception {
        fc.faults().failNext(2, 503);

        HttpResponse<String> first = send(requests().post(BATCH));
        HttpResponse<String> second = send(requests().post(BATCH));
        HttpResponse<String> third = send(requests().post(BATCH));

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(json(first).path("ErrorCode").asText()).isEqualTo("ServiceUnavailable");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(fc.receivedBatches()).hasSize(1);
    }

    @Test
    void injectedThrottlingCarriesRetryAfter() throws Exception {
        fc.faults().failNext(1, 429, Duration.ofSeconds(7));

        HttpResponse<String> response = send(requests().post(BATCH));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
    }

    @Test
    void injectedFailuresDoNotHideAuthenticationErrors() throws Exception {
        fc.faults().failNext(1, 503);

        HttpResponse<String> badlySigned = send(requests().accessKey("test-key", "other-secret").post(BATCH));
        HttpResponse<String> signed = send(requests().post(BATCH));

        assertThat(badlySigned.statusCode()).isEqualTo(403);
        assertThat(signed.statusCode()).isEqualTo(503);
    }

    @Test
    void aFunctionErrorIsA200WithTheErrorTypeHeader() throws Exception {
        fc.faults().failFunctionNext(1, "TypeError", "boom");

        HttpResponse<String> failed = send(requests().post(BATCH));
        HttpResponse<String> next = send(requests().post(BATCH));

        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.headers().firstValue("X-Fc-Error-Type")).contains("UnhandledInvocationError");
        assertThat(json(failed).path("errorMessage").asText()).isEqualTo("boom");
        assertThat(json(failed).path("errorType").asText()).isEqualTo("TypeError");
        assertThat(next.headers().firstValue("X-Fc-Error-Type")).isEmpty();
        assertThat(fc.receivedBatches()).hasSize(1);
    }

    @Test
    void aBodyThatIsNotJsonIsAFunctionError() throws Exception {
        HttpResponse<String> response = send(requests().post("not json"));

        assertThat(response.headers().firstValue("X-Fc-Error-Type")).contains("UnhandledInvocationError");
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void aFunctionThatDoesNotReadBodiesAnswersAtOnceAndLeavesCheckingToTheTest() throws Exception {
        try (FcLocalEndpoint unread = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").unreadBodies().start()) {
            SignedRequests requests = new SignedRequests(unread.url(), "test-key", "test-secret", "demo-service",
                "demo-function");

            HttpResponse<String> batch = send(requests.post(BATCH));
            HttpResponse<String> notJson = send(requests.post("not json"));
            HttpResponse<String> unsigned = send(new SignedRequests(unread.url(), "test-key", "wrong-secret",
                "demo-service", "demo-function").post(BATCH));

            assertThat(List.of(batch.statusCode(), notJson.statusCode())).containsExactly(200, 200);
            assertThat(batch.body()).isEmpty();
            assertThat(notJson.headers().firstValue("X-Fc-Error-Type")).isEmpty();
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unread.receivedBatches()).hasSize(2);
            assertThat(unread.receivedBatches().get(0).recordCount()).isEqualTo(2);
            assertThatThrownBy(() -> unread.receivedBatches().get(1).recordCount())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("is not JSON");
        }
    }

    @Test
    void delaysAnswersByTheConfiguredTime() throws Exception {
        fc.faults().delayResponses(Duration.ofMillis(300));

        long start = System.nanoTime();
        HttpResponse<String> response = send(requests().post(BATCH));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void countsTheMostRequestsHandledAtOnce() throws Exception {
        fc.faults().delayResponses(Duration.ofMillis(300));

        CompletableFuture<HttpResponse<String>> first = http.sendAsync(requests().post(BATCH),
            HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = http.sendAsync(requests().post(BATCH),
            HttpResponse.BodyHandlers.ofString());
        CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
        send(requests().post(BATCH));

        assertThat(fc.highestConcurrency()).isEqualTo(2);
    }

    @Test
    void rejectsBodiesAboveTheConfiguredLimitAsFcDoes() throws Exception {
        try (FcLocalEndpoint limited = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").maxBodyBytes(BATCH.length() - 1).start()) {
            SignedRequests requests = new SignedRequests(limited.url(), "test-key", "test-secret", "demo-service",
                "demo-function");

            HttpResponse<String> tooLarge = send(requests.post(BATCH));
            HttpResponse<String> small = send(requests.post("{\"Records\":[]}"));

            assertThat(tooLarge.statusCode()).isEqualTo(400);
            assertThat(json(tooLarge).path("ErrorCode").asText()).isEqualTo("EntityTooLarge");
            assertThat(small.statusCode()).isEqualTo(200);
            assertThat(limited.receivedBatches()).hasSize(1);
        }
    }

    @Test
    void awaitRecordsReturnsOnceEnoughRecordsArrivedAndFailsOtherwise() throws Exception {
        send(requests().post(BATCH));

        assertThat(fc.awaitRecords(2, Duration.ofSeconds(1))).hasSize(1);
        assertThatThrownBy(() -> fc.awaitRecords(3, Duration.ofMillis(100)))
            .isInstanceOf(AssertionError.class).hasMessageContaining("received 2 records in 1 batches");
    }

    @Test
    void clearReceivedForgetsEarlierBatches() throws Exception {
        send(requests().post(BATCH));

        fc.clearReceived();
        send(requests().post("{\"Records\":[{\"id\":3}]}"));

        assertThat(fc.receivedBatches()).singleElement()
            .satisfies(batch -> assertThat(batch.records().get(0).path("id").asInt()).isEqualTo(3));
    }

    @Test
    void takeReceivedHandsOverEachBatchOnce() throws Exception {
        send(requests().post(BATCH));

        List<ReceivedBatch> first = fc.takeReceived();
        send(requests().post("{\"Records\":[{\"id\":3}]}"));
        List<ReceivedBatch> second = fc.takeReceived();

        assertThat(first).singleElement().satisfies(batch -> assertThat(batch.recordCount()).isEqualTo(2));
        assertThat(second).singleElement()
            .satisfies(batch -> assertThat(batch.records().get(0).path("id").asInt()).isEqualTo(3));
        assertThat(fc.takeReceived()).isEmpty();
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void otherPathsAreNotSupported() throws Exception {
        HttpResponse<String> response = send(requests().path("/2016-08-15/services").post(BATCH));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("ErrorCode").asText()).isEqualTo("PathNotSupported");
    }
}
