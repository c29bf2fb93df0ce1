package dev.binlogfc.sink.fc.invoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Invokes one FC function over a pooled, keep-alive HTTP connection, signing each request. TLS certificates and
 * host names are verified against the JVM's trust store. Redirects and automatic retries are off: every call is
 * exactly one attempt, and the caller decides about retries.
 */
public final class FcInvoker implements AutoCloseable {

    /** Enough of an answer to read FC's or the function's error; the rest is discarded. */
    static final int MAX_BODY_CHARS = 64 * 1024;

    private static final ContentType JSON = ContentType.create("application/json");
    private static final DateTimeFormatter HTTP_DATE =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final FcFunction function;
    private final FcCredentials credentials;
    private final FcRequestSigner signer;
    private final Clock clock;
    private final CloseableHttpClient http;

    public FcInvoker(FcFunction function, FcCredentials credentials, Duration connectTimeout,
                     Duration responseTimeout) {
        this(function, credentials, connectTimeout, responseTimeout, Clock.systemUTC());
    }

    FcInvoker(FcFunction function, FcCredentials credentials, Duration connectTimeout, Duration responseTimeout,
              Clock clock) {
        this.function = function;
        this.credentials = credentials;
        this.signer = new FcRequestSigner(credentials);
        this.clock = clock;
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout response = Timeout.ofMilliseconds(responseTimeout.toMillis());
        this.http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(connect)
                    .setSocketTimeout(response)
                    .build())
                .build())
            .setDefaultRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(response)
                .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .build();
    }

    public FcFunction function() {
        return function;
    }

    /**
     * Sends {@code body} to the function and returns FC's answer, whatever its status.
     *
     * @throws IOException when no answer arrived: connection refused or reset, timeout, unknown host, TLS failure
     */
    public FcResponse invoke(byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON.toString());
        headers.put("Content-MD5", md5(body));
        headers.put("Date", HTTP_DATE.format(clock.instant()));
        headers.put("x-fc-invocation-type", function.type().headerValue());
        headers.put("x-fc-log-type", "None");
        if (credentials.securityToken() != null) {
            headers.put("x-fc-security-token", credentials.securityToken());
        }
        headers.put("Authorization", signer.authorization("POST", function.invocationPath(), headers));
        HttpPost post = new HttpPost(function.invocationUri());
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, JSON));
        return http.execute(post, FcInvoker::toFcResponse);
    }

    private static FcResponse toFcResponse(ClassicHttpResponse response) throws IOException, ParseException {
        String body = response.getEntity() == null ? ""
            : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8, MAX_BODY_CHARS);
        return new FcResponse(response.getCode(), headerValue(response, "X-Fc-Request-Id"),
            headerValue(response, "X-Fc-Error-Type"), headerValue(response, "Retry-After"), body);
    }

    private static String headerValue(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }
}
