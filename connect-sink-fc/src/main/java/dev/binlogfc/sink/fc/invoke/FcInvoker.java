package dev.binlogfc.sink.fc.invoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends batches to one {@link InvocationTarget} over a pooled, keep-alive HTTP connection. TLS certificates and
 * host names are verified against the JVM's trust store. Redirects and automatic retries are off: every call is
 * exactly one attempt, and the caller decides about retries.
 */
public final class FcInvoker implements AutoCloseable {

    /** Enough of an answer to read FC's or the function's error; the rest is discarded. */
    static final int MAX_BODY_CHARS = 64 * 1024;
    /** Request id headers of FC 2.0 and 3.0, Alibaba Cloud OpenAPI, and the common convention of web servers. */
    private static final List<String> REQUEST_ID_HEADERS = List.of("X-Fc-Request-Id", "x-acs-request-id",
        "X-Request-Id");

    private final InvocationTarget target;
    private final Clock clock;
    private final CloseableHttpClient http;

    /** {@code maxConnections}: the pool's size, one connection per concurrent invocation. */
    public FcInvoker(InvocationTarget target, Duration connectTimeout, Duration responseTimeout, int maxConnections) {
        this(target, connectTimeout, responseTimeout, maxConnections, Clock.systemUTC());
    }

    FcInvoker(InvocationTarget target, Duration connectTimeout, Duration responseTimeout, int maxConnections,
              Clock clock) {
        this.target = target;
        this.clock = clock;
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout response = Timeout.ofMilliseconds(responseTimeout.toMillis());
        this.http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
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

    public InvocationTarget target() {
        return target;
    }

    /**
     * Sends {@code body} to the target and returns its answer, whatever its status.
     *
     * @throws IOException when no answer arrived: connection refused or reset, timeout, unknown host, TLS failure,
     *     or the call was cancelled through {@code canceller}
     */
    public FcResponse invoke(byte[] body, CallCanceller canceller) throws IOException {
        HttpPost post = target.request(body, clock.instant());
        canceller.attach(post);
        return http.execute(post, FcInvoker::toFcResponse);
    }

    /**
     * Sends the target's connectivity test request, which invokes nothing, and returns its answer.
     *
     * @throws IOException when no answer arrived, as for {@link #invoke}
     */
    public FcResponse testConnectivity() throws IOException {
        return http.execute(target.connectivityTestRequest(clock.instant()), FcInvoker::toFcResponse);
    }

    private static FcResponse toFcResponse(ClassicHttpResponse response) throws IOException, ParseException {
        String body = response.getEntity() == null ? ""
            : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8, MAX_BODY_CHARS);
        return new FcResponse(response.getCode(), requestId(response), headerValue(response, "X-Fc-Error-Type"),
            headerValue(response, "Retry-After"), body);
    }

    private static String requestId(ClassicHttpResponse response) {
        return REQUEST_ID_HEADERS.stream().map(name -> headerValue(response, name)).filter(Objects::nonNull)
            .findFirst().orElse(null);
    }

    private static String headerValue(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() {
        // Immediate: a call still running belongs to a task that is stopping and whose batches are abandoned.
        http.close(CloseMode.IMMEDIATE);
    }
}
