package dev.binlogfc.teststack.fc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FcSignatureTest {

    private static final String INVOCATION_PATH =
        "/2016-08-15/services/demo-service.LATEST/functions/demo-function/invocations";

    @Test
    void stringToSignListsFixedHeadersThenSortedLowerCaseFcHeadersThenThePath() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Fc-Log-Type", List.of("None"));
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Date", List.of("Thu, 01 Jan 2026 00:00:00 GMT"));
        headers.put("Content-md5", List.of("1B2M2Y8AsgTpgAmY7PhCfg=="));
        headers.put("User-Agent", List.of("not signed"));
        headers.put("x-fc-invocation-type", List.of("Sync"));

        assertThat(FcSignature.stringToSign("POST", INVOCATION_PATH, null, headers)).isEqualTo("""
            POST
            1B2M2Y8AsgTpgAmY7PhCfg==
            application/json
            Thu, 01 Jan 2026 00:00:00 GMT
            x-fc-invocation-type:Sync
            x-fc-log-type:None
            """ + INVOCATION_PATH);
    }

    @Test
    void queryParametersAreDecodedSortedAndAppendedOnePerLine() {
        Map<String, List<String>> headers = Map.of("Date", List.of("Thu, 01 Jan 2026 00:00:00 GMT"));

        assertThat(FcSignature.stringToSign("get", "/2016-08-15/proxy/svc/fn/path", "b=z&a=1&b=x%20y", headers))
            .isEqualTo("GET\n\n\nThu, 01 Jan 2026 00:00:00 GMT\n/2016-08-15/proxy/svc/fn/path\na=1\nb=x y\nb=z");
    }

    @Test
    void signatureIsBase64HmacSha256OfTheStringToSign() {
        // Expected values computed independently with: printf '<string>' | openssl dgst -sha256 -hmac test-secret -binary | base64
        String invocation = "POST\n1B2M2Y8AsgTpgAmY7PhCfg==\napplication/json\nThu, 01 Jan 2026 00:00:00 GMT\n"
            + "x-fc-invocation-type:Sync\nx-fc-log-type:None\n" + INVOCATION_PATH;
        String withQuery = "GET\n\n\nThu, 01 Jan 2026 00:00:00 GMT\n/2016-08-15/proxy/svc/fn/path\na=1\nb=x y\nb=z";

        assertThat(FcSignature.sign("test-secret", invocation)).isEqualTo("Qigks8R8crAZwlVqDOsp2w4fJRPSe4k6pcLkOpGrzvc=");
        assertThat(FcSignature.sign("test-secret", withQuery)).isEqualTo("owHB2+8vw15HhwqHA8arvc508xCaGI1hVjcP5MeBpKc=");
    }
}
