package dev.binlogfc.sink.fc.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FcRequestSignerTest {

    private static final String PATH = "/2016-08-15/services/demo-service.LATEST/functions/demo-function/invocations";

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
        headers.put("Date", "Thu, 01 Jan 2026 00:00:00 GMT");
        headers.put("X-Fc-Log-Type", "None");
        headers.put("x-fc-invocation-type", "Sync");
        headers.put("User-Agent", "not signed");
        return headers;
    }

    @Test
    void stringToSignHasTheFixedHeadersTheSortedFcHeadersAndThePath() {
        assertThat(FcRequestSigner.stringToSign("POST", PATH, headers())).isEqualTo("POST\n"
            + "1B2M2Y8AsgTpgAmY7PhCfg==\n"
            + "application/json\n"
            + "Thu, 01 Jan 2026 00:00:00 GMT\n"
            + "x-fc-invocation-type:Sync\n"
            + "x-fc-log-type:None\n"
            + PATH);
    }

    @Test
    void authorizationCarriesTheKeyIdAndTheBase64HmacSha256() {
        // Expected signature computed independently:
        // printf 'POST\n1B2M2Y8AsgTpgAmY7PhCfg==\napplication/json\nThu, 01 Jan 2026 00:00:00 GMT\n'\
        //   'x-fc-invocation-type:Sync\nx-fc-log-type:None\n<PATH>' | openssl dgst -sha256 -hmac test-secret -binary | base64
        FcCredentials credentials = new FcCredentials("test-key", "test-secret", null);

        assertThat(FcRequestSigner.authorization(credentials, "POST", PATH, headers()))
            .isEqualTo("FC test-key:Qigks8R8crAZwlVqDOsp2w4fJRPSe4k6pcLkOpGrzvc=");
    }

    @Test
    void credentialsNeverShowTheSecretOrToken() {
        assertThat(new FcCredentials("test-key", "test-secret", "sts-token").toString())
            .contains("test-key").doesNotContain("test-secret", "sts-token");
    }
}
