package dev.binlogfc.sink.fc.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class Acs3RequestSignerTest {

    private static SortedMap<String, String> headers() {
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("x-acs-version", "2023-03-30");
        headers.put("host", "1.cn-hangzhou.fc.aliyuncs.com");
        headers.put("x-acs-date", "2026-01-01T00:00:00Z");
        headers.put("content-type", "application/json");
        return headers;
    }

    @Test
    void buildsTheCanonicalRequestWithSortedHeadersAndRfc3986EncodedQuery() {
        SortedMap<String, String> query = new TreeMap<>();
        query.put("qualifier", "my alias*~");

        assertThat(Acs3RequestSigner.canonicalRequest("POST", "/2023-03-30/functions/fn/invocations", query,
            headers(), "abc123")).isEqualTo("POST\n"
            + "/2023-03-30/functions/fn/invocations\n"
            + "qualifier=my%20alias%2A~\n"
            + "content-type:application/json\n"
            + "host:1.cn-hangzhou.fc.aliyuncs.com\n"
            + "x-acs-date:2026-01-01T00:00:00Z\n"
            + "x-acs-version:2023-03-30\n"
            + "\n"
            + "content-type;host;x-acs-date;x-acs-version\n"
            + "abc123");
    }

    @Test
    void namesTheAlgorithmKeyAndSignedHeadersAndSignsInLowerCaseHex() {
        String authorization = Acs3RequestSigner.authorization(new FcCredentials("key-id", "secret", null),
            "POST", "/p", new TreeMap<>(), headers(), "abc123");

        assertThat(authorization).matches("ACS3-HMAC-SHA256 Credential=key-id,"
            + "SignedHeaders=content-type;host;x-acs-date;x-acs-version,Signature=[0-9a-f]{64}");
    }
}
