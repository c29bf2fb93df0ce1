package dev.binlogfc.sink.fc.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.sink.fc.invoke.FailureClass;
import dev.binlogfc.sink.fc.invoke.Fc2Target;
import dev.binlogfc.sink.fc.invoke.CredentialSource;
import dev.binlogfc.sink.fc.invoke.FcCredentials;
import dev.binlogfc.sink.fc.invoke.FcFunction;
import dev.binlogfc.sink.fc.invoke.FcResponse;
import dev.binlogfc.sink.fc.invoke.InvocationType;
import dev.binlogfc.sink.fc.invoke.RetryCause;
import dev.binlogfc.sink.fc.invoke.WebhookTarget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {

    private final OutcomeClassifier classifier = new OutcomeClassifier(new Fc2Target(new FcFunction(
        URI.create("https://1.cn-hangzhou.fc.aliyuncs.com"), "svc", "LATEST", "fn", InvocationType.SYNC), "1",
        CredentialSource.fixed(new FcCredentials("key", "secret", null))));

    private static FcResponse answer(int status, String body) {
        return new FcResponse(status, "req-1", null, null, body);
    }

    private static String error(String code) {
        return "{\"ErrorCode\":\"" + code + "\",\"ErrorMessage\":\"details\"}";
    }

    @Test
    void a2xxWithoutFunctionErrorDelivered() {
        assertThat(classifier.classify(answer(200, "{}"))).isEqualTo(new InvocationOutcome.Delivered("req-1"));
        assertThat(classifier.classify(answer(202, ""))).isInstanceOf(InvocationOutcome.Delivered.class);
    }

    @Test
    void aFunctionErrorIsRetriedInTheOtherWindow() {
        FcResponse functionError = new FcResponse(200, "req-1", "UnhandledInvocationError", null,
            "{\"errorMessage\":\"boom\",\"errorType\":\"Error\"}");

        assertThat(classifier.classify(functionError)).isEqualTo(new InvocationOutcome.Retryable(
            RetryCause.FUNCTION_ERROR,
            "HTTP 200, function error UnhandledInvocationError, Error: boom (request id req-1)",
            "{\"errorMessage\":\"boom\",\"errorType\":\"Error\"}", Duration.ZERO, functionError));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 502, 503, 504})
    void gatewayAnswersAreConnectionFailures(int status) {
        assertThat(classifier.classify(answer(status, error("ServiceUnavailable"))))
            .isInstanceOfSatisfying(InvocationOutcome.Retryable.class,
                retryable -> assertThat(retryable.failureClass()).isEqualTo(FailureClass.CONNECTION));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 501, 599})
    void throttlingAndOtherServerErrorsAreOtherFailures(int status) {
        assertThat(classifier.classify(answer(status, error("InternalServerError"))))
            .isInstanceOfSatisfying(InvocationOutcome.Retryable.class, retryable -> {
                assertThat(retryable.failureClass()).isEqualTo(FailureClass.OTHER);
                assertThat(retryable.cause())
                    .isEqualTo(status == 429 ? RetryCause.THROTTLED : RetryCause.SERVER_ERROR);
            });
    }

    @Test
    void aBodyTooLargeIsToBeSplit() {
        assertThat(classifier.classify(answer(413, error("PayloadTooLarge"))))
            .isInstanceOf(InvocationOutcome.TooLarge.class);
        assertThat(classifier.classify(answer(400, error("EntityTooLarge"))))
            .isInstanceOfSatisfying(InvocationOutcome.TooLarge.class, tooLarge -> assertThat(tooLarge.answer())
                .contains("HTTP 400, EntityTooLarge: details (request id req-1)"));
    }

    @Test
    void readsOpenApiStyleErrorBodiesToo() {
        String openApiError = "{\"Code\":\"InvalidAccessKeyId.NotFound\",\"Message\":\"no key\"}";

        assertThat(classifier.classify(answer(403, openApiError)))
            .isInstanceOfSatisfying(InvocationOutcome.Fatal.class, fatal -> assertThat(fatal.reason())
                .contains("HTTP 403, InvalidAccessKeyId.NotFound: no key (request id req-1)"));
    }

    @Test
    void retryAfterIsPassedOn() {
        FcResponse throttled = new FcResponse(429, "req-1", null, "12", error("ResourceThrottled"));

        assertThat(classifier.classify(throttled)).isInstanceOfSatisfying(InvocationOutcome.Retryable.class,
            retryable -> assertThat(retryable.retryAfter()).isEqualTo(Duration.ofSeconds(12)));
    }

    @Test
    void theLoggedBodyIsCutAtOneKilobyte() {
        assertThat(classifier.classify(answer(500, "e".repeat(5000))))
            .isInstanceOfSatisfying(InvocationOutcome.Retryable.class,
                retryable -> assertThat(retryable.bodyExcerpt()).hasSize(1024 + 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 301})
    void clientErrorsAreFatal(int status) {
        assertThat(classifier.classify(answer(status, error("SomeError"))))
            .isInstanceOfSatisfying(InvocationOutcome.Fatal.class, fatal -> assertThat(fatal.reason())
                .contains("FC function svc.LATEST/fn", "HTTP " + status + ", SomeError: details (request id req-1)"));
    }

    @Test
    void fatalReasonsSayWhatToCheck() {
        assertThat(((InvocationOutcome.Fatal) classifier.classify(answer(404, error("ServiceNotFound")))).reason())
            .contains("check fc.endpoint (account id and region), fc.service.name");
    }

    @Test
    void missingAnswersAreConnectionFailures() {
        assertThat(classifier.classify(new ConnectException("Connection refused")))
            .isEqualTo(new InvocationOutcome.Retryable(RetryCause.CONNECTION,
                "no answer: java.net.ConnectException: Connection refused", "", Duration.ZERO, null));
        assertThat(classifier.classify(new UnknownHostException("1.cn-hangzhou.fc.aliyuncs.com")))
            .isInstanceOf(InvocationOutcome.Retryable.class);
    }

    @Test
    void anUntrustedCertificateIsFatal() {
        IOException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path"));

        assertThat(classifier.classify(handshake)).isInstanceOfSatisfying(InvocationOutcome.Fatal.class,
            fatal -> assertThat(fatal.reason()).contains("is not trusted"));
    }

    private static OutcomeClassifier webhook(AnswerPolicy policy) {
        return new OutcomeClassifier(new WebhookTarget(URI.create("https://hooks.example.com/orders"), Map.of(),
            null), policy);
    }

    @Test
    void aWebhooksBatchFailureStatusIsARejectionOfTheBatchAndOtherClientErrorsAreFatal() {
        OutcomeClassifier classifier = webhook(new AnswerPolicy(true, Set.of(400, 422), false));

        assertThat(classifier.classify(answer(422, "{\"error\":\"price must be positive\"}")))
            .isInstanceOfSatisfying(InvocationOutcome.Retryable.class, retryable -> {
                assertThat(retryable.cause()).isEqualTo(RetryCause.REJECTED);
                assertThat(retryable.bodyExcerpt()).contains("price must be positive");
            });
        assertThat(classifier.classify(answer(409, ""))).isInstanceOf(InvocationOutcome.Fatal.class);
        assertThat(classifier.classify(answer(500, ""))).as("the handler may have failed on a record")
            .isInstanceOfSatisfying(InvocationOutcome.Retryable.class, retryable -> assertThat(
                retryable.cause().mayBeTheRecords()).isTrue());
        assertThat(this.classifier.classify(answer(500, error("InternalServerError")))).as("FC's own trouble")
            .isInstanceOfSatisfying(InvocationOutcome.Retryable.class, retryable -> assertThat(
                retryable.cause().mayBeTheRecords()).isFalse());
        assertThat(classifier.classify(answer(403, ""))).isInstanceOf(InvocationOutcome.Fatal.class);
    }

    @Test
    void aSuccessNamingFailedItemsIsAPartialDeliveryOnlyWhenTheFunctionReportsThem() {
        FcResponse partial = answer(200, "{\"batchItemFailures\":[{\"itemIdentifier\":\"42\"}]}");

        assertThat(webhook(new AnswerPolicy(true, Set.of(), true)).classify(partial))
            .isEqualTo(new InvocationOutcome.PartlyDelivered(Set.of("42"), partial));
        assertThat(webhook(AnswerPolicy.FC_ONLY).classify(partial)).isInstanceOf(InvocationOutcome.Delivered.class);
        assertThat(webhook(new AnswerPolicy(true, Set.of(), true)).classify(answer(200, "{\"ok\":true}")))
            .isInstanceOfSatisfying(InvocationOutcome.Retryable.class, retryable -> {
                assertThat(retryable.cause()).isEqualTo(RetryCause.MALFORMED_ANSWER);
                assertThat(retryable.cause().mayBeTheRecords()).isFalse();
                assertThat(retryable.answer()).contains("the answer has no batchItemFailures list",
                    "report.batch.item.failures=true");
            });
    }
}
