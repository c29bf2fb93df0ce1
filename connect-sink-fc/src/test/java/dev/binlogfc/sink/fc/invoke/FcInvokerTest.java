package dev.binlogfc.sink.fc.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FcInvokerTest {

    private static final byte[] BATCH = "{\"Records\":[{\"id\":1}]}".getBytes(StandardCharsets.UTF_8);
    private static final FcCredentials CREDENTIALS = new FcCredentials("test-key", "test-secret", null);

    private FcLocalEndpoint fc;

    @BeforeEach
    void startEndpoint() throws IOException {
        fc = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
            .accessKey("test-key", "test-secret").start();
    }

    @AfterEach
    void stopEndpoint() {
        fc.close();
    }

    private FcFunction function(InvocationType type) {
        return new FcFunction(URI.create(fc.url()), "demo-service", "LATEST", "demo-function", type);
    }

    private FcInvoker invoker(FcFunction function, FcCredentials credentials) {
        return new FcInvoker(new Fc2Target(function, null, CredentialSource.fixed(credentials)), Duration.ofSeconds(2), Duration.ofSeconds(5), 1);
    }

    @Test
    void aSignedInvocationReachesTheFunction() throws IOException {
        try (FcInvoker invoker = invoker(function(InvocationType.SYNC), CREDENTIALS)) {
            FcResponse response = invoker.invoke(BATCH, new CallCanceller());

            assertThat(response.isSuccess()).isTrue();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.requestId()).isNotBlank();
            assertThat(fc.receivedBatches()).singleElement().satisfies(batch -> {
                assertThat(batch.requestId()).isEqualTo(response.requestId());
                assertThat(batch.headers()).containsEntry("content-type", "application/octet-stream")
                    .containsEntry("accept", "application/json")
                    .containsEntry("content-md5", "SqNUgtQ0rsrJa/d0eKuROg==")
                    .containsEntry("x-fc-invocation-type", "Sync")
                    .containsEntry("x-fc-log-type", "None");
            });
        }
    }

    @Test
    void consecutiveInvocationsReuseTheClient() throws IOException {
        try (FcInvoker invoker = invoker(function(InvocationType.SYNC), CREDENTIALS)) {
            for (int i = 0; i < 5; i++) {
                assertThat(invoker.invoke(BATCH, new CallCanceller()).isSuccess()).isTrue();
            }
        }
        assertThat(fc.receivedBatches()).hasSize(5);
    }

    @Test
    void asyncInvocationsAreAcceptedWith202() throws IOException {
        try (FcInvoker invoker = invoker(function(InvocationType.ASYNC), CREDENTIALS)) {
            FcResponse response = invoker.invoke(BATCH, new CallCanceller());

            assertThat(response.status()).isEqualTo(202);
            assertThat(response.isSuccess()).isTrue();
        }
    }

    @Test
    void sendsTheSecurityToken() throws IOException {
        try (FcLocalEndpoint sts = FcLocalEndpoint.builder().service("demo-service").function("demo-function")
                 .accessKey("STS.key", "sts-secret").securityToken("sts-token").start();
             FcInvoker invoker = invoker(new FcFunction(URI.create(sts.url()), "demo-service", "LATEST",
                 "demo-function", InvocationType.SYNC), new FcCredentials("STS.key", "sts-secret", "sts-token"))) {

            assertThat(invoker.invoke(BATCH, new CallCanceller()).isSuccess()).isTrue();
        }
    }

    @Test
    void returnsFcsErrorAnswerForAWrongSecret() throws IOException {
        try (FcInvoker invoker = invoker(function(InvocationType.SYNC),
            new FcCredentials("test-key", "wrong-secret", null))) {
            FcResponse response = invoker.invoke(BATCH, new CallCanceller());

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorCode()).isEqualTo("SignatureNotMatch");
            assertThat(response.describe()).startsWith("HTTP 403, SignatureNotMatch: The request signature")
                .contains("(request id " + response.requestId() + ")");
        }
    }

    @Test
    void aSkewedClockIsRejectedByFc() throws IOException {
        Clock skewed = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        try (FcInvoker invoker = new FcInvoker(new Fc2Target(function(InvocationType.SYNC), null, CredentialSource.fixed(CREDENTIALS)),
            Duration.ofSeconds(2), Duration.ofSeconds(5), 1, skewed)) {

            assertThat(invoker.invoke(BATCH, new CallCanceller()).errorCode()).isEqualTo("RequestTimeTooSkewed");
        }
    }

    @Test
    void readsFunctionErrors() throws IOException {
        fc.faults().failFunctionNext(1, "TypeError", "boom");
        try (FcInvoker invoker = invoker(function(InvocationType.SYNC), CREDENTIALS)) {
            FcResponse response = invoker.invoke(BATCH, new CallCanceller());

            assertThat(response.isSuccess()).isFalse();
            assertThat(response.isFunctionError()).isTrue();
            assertThat(response.describe()).startsWith("HTTP 200, function error UnhandledInvocationError, TypeError: boom");
        }
    }

    @Test
    void aSlowAnswerTimesOut() {
        fc.faults().delayResponses(Duration.ofSeconds(2));
        try (FcInvoker invoker = new FcInvoker(new Fc2Target(function(InvocationType.SYNC), null, CredentialSource.fixed(CREDENTIALS)),
            Duration.ofSeconds(1), Duration.ofMillis(200), 1)) {

            assertThatThrownBy(() -> invoker.invoke(BATCH, new CallCanceller()))
                .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aCancelledCallEndsAtOnceWithAnIOException() throws Exception {
        fc.faults().delayResponses(Duration.ofSeconds(3));
        CallCanceller canceller = new CallCanceller();
        try (FcInvoker invoker = invoker(function(InvocationType.SYNC), CREDENTIALS)) {
            CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
                try {
                    invoker.invoke(BATCH, canceller);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Thread.sleep(200);
            long cancelledAt = System.nanoTime();
            canceller.cancel();

            assertThatThrownBy(() -> call.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(UncheckedIOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(1));
        }
    }

    /**
     * Whatever moment a revoked partition's call is cancelled at (before the connection, while connecting, while
     * sending), it ends as promised with an IOException or with the answer: HttpClient throws an
     * IllegalStateException when the cancel releases the pooled connection between its lease and its connect, which
     * failed a task under load until the invoker turned it into the cancellation it is.
     */
    @Test
    void aCallCancelledAtAnyMomentEndsWithAnAnswerOrAnIOException() throws Exception {
        java.util.Random random = new java.util.Random(20261203);
        try (FcInvoker invoker = invoker(function(InvocationType.SYNC), CREDENTIALS)) {
            for (int attempt = 0; attempt < 400; attempt++) {
                CallCanceller canceller = new CallCanceller();
                CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
                    try {
                        invoker.invoke(BATCH, canceller);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(3_000_000));
                canceller.cancel();
                try {
                    call.get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).as("attempt %d", attempt).isInstanceOf(UncheckedIOException.class);
                }
            }
        }
    }
}
