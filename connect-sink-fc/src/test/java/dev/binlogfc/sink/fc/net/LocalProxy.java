package dev.binlogfc.sink.fc.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP proxy on 127.0.0.1 for tests: it forwards plain requests in absolute form and tunnels CONNECT, to
 * targets on 127.0.0.1 only, optionally demanding Basic credentials (407 without them), and records each request
 * line it accepted.
 */
public final class LocalProxy implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final String expectedAuthorization;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();

    /** {@code username} null: no authentication. */
    public LocalProxy(String username, String password) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request lines forwarded or tunnelled so far. */
    public List<String> forwarded() {
        return forwarded;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            String[] parts = requestLine.split(" ");
            if (expectedAuthorization != null && !head.contains("\r\nProxy-Authorization: " + expectedAuthorization
                + "\r\n")) {
                client.getOutputStream().write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            boolean connect = parts[0].equals("CONNECT");
            URI target = URI.create(connect ? "tcp://" + parts[1] : parts[1]);
            if (!"127.0.0.1".equals(target.getHost())) {
                client.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            forwarded.add(requestLine);
            try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                if (connect) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                } else {
                    upstream.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                }
                threads.execute(() -> pipe(in, upstream));
                pipe(upstream.getInputStream(), client);
            }
        } catch (IOException | RuntimeException e) {
            // The client or the target closed the connection.
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // The other side closed the connection.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the request head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
