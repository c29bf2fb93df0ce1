package dev.binlogfc.sink.fc.invoke;

import dev.binlogfc.sink.fc.net.HttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches to one {@link InvocationTarget} over pooled, keep-alive HTTP connections set up by an
 * {@link HttpTransport} (proxy, trust store, client certificate). Every call is one attempt, except that a 401 or
 * 403 answer is followed by one more attempt with renewed credentials when the target can renew them (temporary
 * credentials that expired); the caller decides about all other retries.
 */
public final class FcInvoker implements BatchSender, AutoCloseable {

    /** Enough of an answer to read FC's or the function's error; the rest is discarded. */
    static final int MAX_BODY_CHARS = 64 * 1024;
    /** Request id headers of FC 2.0 and 3.0, Alibaba Cloud OpenAPI, and the common convention of web servers. */
    private static final List<String> REQUEST_ID_HEADERS = List.of("X-Fc-Request-Id", "x-acs-request-id",
        "X-Request-Id");

    private static final Logger log = LoggerFactory.getLogger(FcInvoker.class);

    private final InvocationTarget target;
    private final Clock clock;
    private final CloseableHttpClient http;

    /** {@code maxConnections}: the pool's size, one connection per concurrent invocation; JVM proxy and TLS. */
    public FcInvoker(InvocationTarget target, Duration connectTimeout, Duration responseTimeout, int maxConnections) {
        this(target, HttpTransport.withJvmDefaults(connectTimeout, responseTimeout, maxConnections));
    }

    public FcInvoker(InvocationTarget target, HttpTransport transport) {
        this(target, transport, Clock.systemUTC());
    }

    FcInvoker(InvocationTarget target, Duration connectTimeout, Duration responseTimeout, int maxConnections,
              Clock clock) {
        this(target, HttpTransport.withJvmDefaults(connectTimeout, responseTimeout, maxConnections), clock);
    }

    FcInvoker(InvocationTarget target, HttpTransport transport, Clock clock) {
        this.target = target;
        this.clock = clock;
        this.http = transport.newClient();
    }

    @Override
    public InvocationTarget target() {
        return target;
    }

    /**
     * Sends {@code body} to the target and returns its answer, whatever its status.
     *
     * @throws IOException when no answer arrived: connection refused or reset, timeout, unknown host, TLS failure,
     *     or the call was cancelled through {@code canceller}
     */
    @Override
    public FcResponse invoke(byte[] body, CallCanceller canceller) throws IOException {
        FcResponse answer = send(body, canceller);
        if ((answer.status() == 401 || answer.status() == 403) && target.renewCredentials()) {
            log.debug("{} rejected the credentials ({}); sending the batch once more with renewed credentials",
                target, answer.describe());
            answer = send(body, canceller);
        }
        return answer;
    }

    private FcResponse send(byte[] body, CallCanceller canceller) throws IOException {
        HttpPost post = build(() -> target.request(body, clock.instant()));
        canceller.attach(post);
        try {
            return http.execute(post, FcInvoker::toFcResponse);
        } catch (RuntimeException e) {
            // A cancel that releases the leased connection before HttpClient connects or sends on it surfaces as an
            // unchecked error of HttpClient's: "Endpoint not acquired / already released", or a NullPointerException
            // "Connection" from the connection operator. It is the cancellation the caller asked for.
            if (post.isCancelled()) {
                InterruptedIOException cancelled = new InterruptedIOException("Call cancelled: " + e.getMessage());
                cancelled.initCause(e);
                throw cancelled;
            }
            throw e;
        }
    }

    /** A request of the target; credentials that cannot be had fail it like an unreachable target, to be retried. */
    private <T> T build(Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (CredentialsUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Sends the target's connectivity test request, which invokes nothing, and returns its answer.
     *
     * @throws IOException when no answer arrived, as for {@link #invoke}
     */
    public FcResponse testConnectivity() throws IOException {
        return http.execute(build(() -> target.connectivityTestRequest(clock.instant())), FcInvoker::toFcResponse);
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
        target.close();
    }
}
