package dev.binlogfc.sink.fc.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Stand-ins on 127.0.0.1 for the services Alibaba Cloud's credentials library fetches temporary credentials from:
 * STS (AssumeRole, AssumeRoleWithOIDC; over HTTPS, as the library always calls it), the ECS instance metadata
 * service and a credentials URI. Each set of credentials it issues is granted at the local FC endpoint, and the set
 * before it revoked, as if it had expired; each expires {@code lifetime} after the library's 15-minute renewal
 * margin, so that the library renews it {@code lifetime} after it was issued.
 */
public final class LocalCredentialIssuer implements AutoCloseable {

    static final String ECS_ROLE = "binlog-fc-ecs-role";
    private static final DateTimeFormatter EXPIRATION =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration LIBRARY_RENEWAL_MARGIN = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FcLocalEndpoint fc;
    private final Duration lifetime;
    private final HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<Map<String, String>> stsCalls = new CopyOnWriteArrayList<>();
    private volatile String lastAccessKeyId;

    /** {@code tls}: serve HTTPS with this context (STS), else plain HTTP (metadata service, credentials URI). */
    public LocalCredentialIssuer(FcLocalEndpoint fc, Duration lifetime, SSLContext tls) throws IOException {
        this.fc = fc;
        this.lifetime = lifetime;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::sts);
        server.createContext("/latest/meta-data/ram/security-credentials/", this::metadata);
        server.createContext("/latest/api/token", exchange -> answer(exchange, 200, "metadata-session-token"));
        server.createContext("/credentials", exchange -> answer(exchange, 200, json(credentials(true))));
        server.start();
    }

    /** host:port, as fc.sts.endpoint takes it. */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int issuedCount() {
        return issued.get();
    }

    /** The parameters of each STS call (query and form), in order. */
    public List<Map<String, String>> stsCalls() {
        return stsCalls;
    }

    /** Revokes the credentials issued last at the FC endpoint, before they expire. */
    public void revokeLast() {
        fc.revoke(lastAccessKeyId);
    }

    private void sts(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>(parse(exchange.getRequestURI().getRawQuery()));
        parameters.putAll(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        stsCalls.add(parameters);
        String action = parameters.getOrDefault("Action", "");
        if (!action.equals("AssumeRole") && !action.equals("AssumeRoleWithOIDC")) {
            answer(exchange, 400, "{\"Code\":\"InvalidAction\"}");
            return;
        }
        answer(exchange, 200, json(Map.of("RequestId", "sts-" + issued.get(), "Credentials", credentials(false))));
    }

    private void metadata(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/security-credentials/")) {
            answer(exchange, 200, ECS_ROLE);
        } else if (path.endsWith("/" + ECS_ROLE)) {
            answer(exchange, 200, json(credentials(true)));
        } else {
            answer(exchange, 404, "");
        }
    }

    /** New credentials, granted at the FC endpoint; the previous ones are revoked. */
    private synchronized Map<String, String> credentials(boolean withCode) {
        int number = issued.incrementAndGet();
        String id = "STS.issued-" + number;
        String secret = "issued-secret-" + number;
        String token = "issued-token-" + number;
        fc.grant(id, secret, token);
        if (lastAccessKeyId != null) {
            fc.revoke(lastAccessKeyId);
        }
        lastAccessKeyId = id;
        Map<String, String> credentials = new LinkedHashMap<>();
        if (withCode) {
            credentials.put("Code", "Success");
        }
        credentials.put("AccessKeyId", id);
        credentials.put("AccessKeySecret", secret);
        credentials.put("SecurityToken", token);
        credentials.put("Expiration", EXPIRATION.format(Instant.now().plus(LIBRARY_RENEWAL_MARGIN).plus(lifetime)));
        return credentials;
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
