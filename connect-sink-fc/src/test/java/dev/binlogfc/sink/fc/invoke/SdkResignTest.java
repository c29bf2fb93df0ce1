package dev.binlogfc.sink.fc.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaRequest;
import com.aliyuncs.fc.auth.FcSignatureComposer;
import com.aliyuncs.fc.model.HttpMethod;
import com.aliyuncs.fc.utils.ParameterHelper;
import dev.binlogfc.sink.fc.invoke.CapturingServer.Captured;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alibaba's official SDKs as oracles: the requests the sink really sends (captured on the wire) are signed again
 * with the SDKs' own signing code, aliyun-java-sdk-fc's FcSignatureComposer for FC 2.0 and openapiutil's ACS3
 * signer (used by fc20230330) for FC 3.0, which must reproduce the Authorization header; and they carry the headers
 * those SDKs send. For both invocation types, each qualifier form, with and without an STS token, and for the
 * connectivity test's GetFunction.
 */
class SdkResignTest {

    private static final String ACCOUNT_ID = "1234567890123456";
    private static final byte[] BATCH = "{\"Records\":[{\"id\":1,\"name\":\"ä ✓\"}]}".getBytes(StandardCharsets.UTF_8);
    private static CapturingServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new CapturingServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (InvocationType type : InvocationType.values()) {
            for (String qualifier : List.of("LATEST", "3", "prod-alias")) {
                for (String token : new String[] {null, "sts-token/with+base64="}) {
                    cases.add(Arguments.of(type, qualifier, new FcCredentials(token == null ? "user-key" : "STS.key",
                        "secret-of-the-key", token)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "FC 2.0 {0} {1} {2}")
    @MethodSource("cases")
    void fc2RequestsAreSignedAsAliyunJavaSdkFcSignsThem(InvocationType type, String qualifier,
                                                        FcCredentials credentials) throws Exception {
        Fc2Target target = new Fc2Target(new FcFunction(URI.create(server.url()), "svc", qualifier, "fn", type),
            ACCOUNT_ID, CredentialSource.fixed(credentials));

        Captured invocation = send(target.request(BATCH, Instant.now()));
        assertFc2Signature(invocation, credentials);
        assertThat(invocation.rawPath()).isEqualTo("/2016-08-15/services/svc." + qualifier + "/functions/fn/invocations");
        assertThat(invocation.headers()).containsEntry("content-type", "application/octet-stream")
            .containsEntry("content-md5", ParameterHelper.md5Sum(BATCH))
            .containsEntry("x-fc-invocation-type", type.headerValue());

        assertFc2Signature(send(target.connectivityTestRequest(Instant.now())), credentials);
    }

    private static void assertFc2Signature(Captured request, FcCredentials credentials) throws Exception {
        String stringToSign = FcSignatureComposer.composeStringToSign(HttpMethod.valueOf(request.method()),
            request.rawPath(), request.headers(), null);
        assertThat(request.headers().get("authorization")).isEqualTo("FC " + credentials.accessKeyId() + ":"
            + FcSignatureComposer.signString(stringToSign, credentials.accessKeySecret()));
        assertThat(request.headers()).containsEntry("x-fc-account-id", ACCOUNT_ID)
            .containsEntry("accept", "application/json");
        if (credentials.securityToken() == null) {
            assertThat(request.headers()).doesNotContainKey("x-fc-security-token");
        } else {
            assertThat(request.headers()).containsEntry("x-fc-security-token", credentials.securityToken());
        }
    }

    @ParameterizedTest(name = "FC 3.0 {0} {1} {2}")
    @MethodSource("cases")
    void fc3RequestsAreSignedAsOpenApiUtilSignsThem(InvocationType type, String qualifier, FcCredentials credentials)
        throws Exception {
        Fc3Target target = new Fc3Target(URI.create(server.url()), "fn", qualifier, type,
            CredentialSource.fixed(credentials));

        Captured invocation = send(target.request(BATCH, Instant.now()));
        assertAcs3Signature(invocation, credentials);
        assertThat(invocation.headers()).containsEntry("content-type", "application/octet-stream")
            .containsEntry("x-acs-action", "InvokeFunction")
            .containsEntry("x-fc-invocation-type", type.headerValue());

        Captured getFunction = send(target.connectivityTestRequest(Instant.now()));
        assertAcs3Signature(getFunction, credentials);
        assertThat(getFunction.headers()).containsEntry("x-acs-action", "GetFunction");
    }

    private static void assertAcs3Signature(Captured request, FcCredentials credentials) throws Exception {
        TeaRequest sdkRequest = new TeaRequest();
        sdkRequest.method = request.method();
        sdkRequest.pathname = request.rawPath();
        sdkRequest.headers = new HashMap<>(request.headers());
        sdkRequest.headers.remove("authorization");
        sdkRequest.query = query(request.rawQuery());
        String payloadHash = com.aliyun.openapiutil.Client.hexEncode(
            com.aliyun.openapiutil.Client.hash(request.body(), "ACS3-HMAC-SHA256"));

        assertThat(request.headers().get("authorization")).isEqualTo(com.aliyun.openapiutil.Client.getAuthorization(
            sdkRequest, "ACS3-HMAC-SHA256", payloadHash, credentials.accessKeyId(), credentials.accessKeySecret()));
        assertThat(request.headers()).containsEntry("x-acs-content-sha256", payloadHash)
            .containsEntry("x-acs-version", "2023-03-30").containsEntry("accept", "application/json");
        assertThat(request.headers().get("x-acs-signature-nonce")).matches("[0-9a-f]{32}");
        if (credentials.securityToken() == null) {
            assertThat(request.headers()).doesNotContainKeys("x-acs-security-token", "x-acs-accesskey-id");
        } else {
            assertThat(request.headers()).containsEntry("x-acs-security-token", credentials.securityToken())
                .containsEntry("x-acs-accesskey-id", credentials.accessKeyId());
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static Captured send(HttpUriRequestBase request) throws Exception {
        try (FcInvoker invoker = new FcInvoker(new FixedRequestTarget(request), Duration.ofSeconds(2),
            Duration.ofSeconds(5), 1)) {
            invoker.testConnectivity();
        }
        return server.takeOnly();
    }

    /** Sends one request built beforehand through the sink's own HTTP client. */
    private record FixedRequestTarget(HttpUriRequestBase built) implements InvocationTarget {
        @Override
        public org.apache.hc.client5.http.classic.methods.HttpPost request(byte[] body, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpUriRequestBase connectivityTestRequest(Instant now) {
            return built;
        }

        @Override
        public String authenticationHint() {
            return "";
        }

        @Override
        public String notFoundHint() {
            return "";
        }

        @Override
        public String addressHint() {
            return "";
        }
    }
}
