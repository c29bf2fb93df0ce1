package dev.binlogfc.sink.fc.invoke;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP server on 127.0.0.1 that answers every request 200 and keeps it as it arrived, for oracles to check. */
final class CapturingServer implements AutoCloseable {

    /** A request as it arrived: header names in lower case, path and query undecoded. */
    record Captured(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final List<Captured> requests = new CopyOnWriteArrayList<>();

    CapturingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            requests.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The only request received since the last call. */
    Captured takeOnly() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.remove(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
