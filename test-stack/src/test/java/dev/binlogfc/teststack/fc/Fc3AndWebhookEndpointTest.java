package dev.binlogfc.teststack.fc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FC 3.0 API (signature V3) and the plain webhook of the local endpoint. */
class Fc3AndWebhookEndpointTest {

    private static final String BATCH = "{\"Records\":[{\"id\":1}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private FcLocalEndpoint fc;

    @BeforeEach
    void startEndpoint() throws Exception {
        fc = FcLocalEndpoint.builder().service("unused-in-fc3").function("demo-function").qualifier("prod")
            .accessKey("test-key", "test-secret").webhook("/hooks/orders", "hook-token").start();
    }

    @AfterEach
    void stopEndpoint() {
        fc.close();
    }

    /** An FC 3.0 InvokeFunction request signed with {@code secret}, sending {@code sentBody}. */
    private HttpRequest fc3Request(String qualifier, String secret, String signedBody, String sentBody) {
        return fc3Request("POST", "InvokeFunction", "/2023-03-30/functions/demo-function/invocations", qualifier,
            secret, signedBody, sentBody);
    }

    /** An FC 3.0 GetFunction request of {@code function} signed with {@code secret}. */
    private HttpRequest fc3GetFunction(String function, String qualifier, String secret) {
        return fc3Request("GET", "GetFunction", "/2023-03-30/functions/" + function, qualifier, secret, "", "");
    }

    private HttpRequest fc3Request(String method, String action, String path, String qualifier, String secret,
                                   String signedBody, String sentBody) {
        String query = "qualifier=" + qualifier;
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", "127.0.0.1:" + fc.port());
        headers.put("content-type", "application/json");
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", "2023-03-30");
        headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        headers.put("x-acs-signature-nonce", "nonce-" + System.nanoTime());
        headers.put("x-acs-content-sha256", Acs3Signature.sha256Hex(signedBody.getBytes(StandardCharsets.UTF_8)));
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        List<String> signed = List.copyOf(headers.keySet());
        String signature = Acs3Signature.sign(secret, Acs3Signature.stringToSign(Acs3Signature.canonicalRequest(
            method, path, query, multi, signed, headers.get("x-acs-content-sha256"))));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fc.url() + path + "?" + query))
            .method(method, HttpRequest.BodyPublishers.ofString(sentBody))
            .header("Authorization", Acs3Signature.ALGORITHM + " Credential=test-key,SignedHeaders="
                + String.join(";", signed) + ",Signature=" + signature);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsAnFc3InvocationSignedWithSignatureV3() throws Exception {
        HttpResponse<String> response = send(fc3Request("prod", "test-secret", BATCH, BATCH));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fc.receivedBatches()).singleElement().satisfies(batch -> {
            assertThat(batch.records()).hasSize(1);
            assertThat(batch.headers()).containsEntry("x-acs-action", "InvokeFunction")
                .doesNotContainKey("authorization");
        });
    }

    @Test
    void rejectsAWrongSecretAnAlteredBodyAndAnUnknownQualifier() throws Exception {
        HttpResponse<String> wrongSecret = send(fc3Request("prod", "wrong-secret", BATCH, BATCH));
        HttpResponse<String> alteredBody = send(fc3Request("prod", "test-secret", BATCH, "{\"Records\":[]}"));
        HttpResponse<String> unknownQualifier = send(fc3Request("staging", "test-secret", BATCH, BATCH));

        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(wrongSecret.body()).path("ErrorCode").asText()).isEqualTo("SignatureNotMatch");
        assertThat(alteredBody.statusCode()).isEqualTo(400);
        assertThat(unknownQualifier.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownQualifier.body()).path("ErrorCode").asText()).isEqualTo("AliasNotFound");
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void theWebhookTakesBatchesWithTheBearerTokenOnly() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fc.webhookUrl()))
            .POST(HttpRequest.BodyPublishers.ofString(BATCH)).header("X-Tenant", "shop");

        HttpResponse<String> withoutToken = send(request.build());
        HttpResponse<String> withToken = send(request.header("Authorization", "Bearer hook-token").build());

        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(fc.receivedBatches()).singleElement()
            .satisfies(batch -> assertThat(batch.headers()).containsEntry("x-tenant", "shop"));
    }

    @Test
    void getFunctionChecksSignatureV3TheFunctionAndTheQualifierWithoutRunningIt() throws Exception {
        HttpResponse<String> found = send(fc3GetFunction("demo-function", "prod", "test-secret"));
        HttpResponse<String> wrongSecret = send(fc3GetFunction("demo-function", "prod", "wrong"));
        HttpResponse<String> otherFunction = send(fc3GetFunction("other", "prod", "test-secret"));
        HttpResponse<String> otherAlias = send(fc3GetFunction("demo-function", "staging", "test-secret"));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).path("functionName").asText()).isEqualTo("demo-function");
        assertThat(JSON.readTree(wrongSecret.body()).path("ErrorCode").asText()).isEqualTo("SignatureNotMatch");
        assertThat(JSON.readTree(otherFunction.body()).path("ErrorCode").asText()).isEqualTo("FunctionNotFound");
        assertThat(JSON.readTree(otherAlias.body()).path("ErrorCode").asText()).isEqualTo("AliasNotFound");
        assertThat(fc.receivedBatches()).isEmpty();
    }

    @Test
    void theWebhookAnswersOptionsAndHeadWithoutTakingABatch() throws Exception {
        HttpRequest.Builder options = HttpRequest.newBuilder(URI.create(fc.webhookUrl()))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        HttpRequest.Builder head = HttpRequest.newBuilder(URI.create(fc.webhookUrl()))
            .method("HEAD", HttpRequest.BodyPublishers.noBody());

        HttpResponse<String> optionsWithoutToken = send(options.build());
        HttpResponse<String> optionsWithToken = send(options.header("Authorization", "Bearer hook-token").build());
        HttpResponse<String> headWithoutToken = send(head.build());
        HttpResponse<String> headWithToken = send(head.header("Authorization", "Bearer hook-token").build());

        assertThat(optionsWithoutToken.statusCode()).isEqualTo(401);
        assertThat(optionsWithToken.statusCode()).isEqualTo(204);
        assertThat(optionsWithToken.headers().firstValue("Allow")).contains("POST, OPTIONS, HEAD");
        assertThat(headWithoutToken.statusCode()).isEqualTo(401);
        assertThat(headWithToken.statusCode()).isEqualTo(204);
        assertThat(fc.receivedBatches()).isEmpty();
    }
}
