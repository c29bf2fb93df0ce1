package dev.binlogfc.teststack.fc;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 that behaves like Function Compute's InvokeFunction API for one function, in both
 * API versions: FC 2.0 {@code POST /2016-08-15/services/{service}[.{qualifier}]/functions/{function}/invocations}
 * with FC's own signature, and FC 3.0 {@code POST /2023-03-30/functions/{function}/invocations?qualifier=..} with
 * signature V3 (ACS3-HMAC-SHA256); signature and time checked as FC checks them, FC's error answers, and a
 * function that records every batch it receives. GetFunction ({@code GET} on the same paths without
 * {@code /invocations}) is checked the same way and answers the function's configuration without running it.
 * Optionally it also serves a plain webhook path ({@link Builder#webhook}) that takes batches with a bearer token
 * and answers OPTIONS and HEAD (204, no batch) to show that it is there.
 *
 * <pre>{@code
 * try (FcLocalEndpoint fc = FcLocalEndpoint.builder().service("svc").function("fn")
 *         .accessKey("id", "secret").start()) {
 *     // point the sink's fc.endpoint at fc.url(), then:
 *     fc.awaitRecords(3, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class FcLocalEndpoint implements AutoCloseable {

    static {
        // The JDK server writes an answer's headers and body separately; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK, adding about 40 ms to every call and hiding the sink's own timing.
        // The JDK reads this property once, when its first HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final InvocationPath function;
    private final FaultPlan faults;
    private final BatchRecorder recorder;
    private final BatchRecorder rejectedRecorder;
    private final ConcurrencyMeter concurrency;
    private final Webhook webhook;
    private final AcceptedCredentials accepted;

    private FcLocalEndpoint(HttpServer server, ExecutorService executor, InvocationPath function, FaultPlan faults,
                            BatchRecorder recorder, BatchRecorder rejectedRecorder, ConcurrencyMeter concurrency,
                            Webhook webhook, AcceptedCredentials accepted) {
        this.rejectedRecorder = rejectedRecorder;
        this.accepted = accepted;
        this.concurrency = concurrency;
        this.webhook = webhook;
        this.server = server;
        this.executor = executor;
        this.function = function;
        this.faults = faults;
        this.recorder = recorder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL to use as the sink's {@code fc.endpoint}, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String serviceName() {
        return function.service();
    }

    public String functionName() {
        return function.function();
    }

    public String qualifier() {
        return function.qualifier();
    }

    /** The URL of the plain webhook set with {@link Builder#webhook}. */
    public String webhookUrl() {
        if (webhook == null) {
            throw new IllegalStateException("this endpoint serves no webhook; set one with Builder.webhook");
        }
        return url() + webhook.path();
    }

    /**
     * Accept this AccessKey, with its STS token ({@code null}: requests must carry none), besides those accepted
     * already: what STS does when it issues temporary credentials.
     */
    public void grant(String accessKeyId, String accessKeySecret, String securityToken) {
        accepted.grant(new FcCredentials(accessKeyId, accessKeySecret, securityToken));
    }

    /** Stop accepting this AccessKey: its token expired; requests signed with it get 403 InvalidSecurityToken. */
    public void revoke(String accessKeyId) {
        accepted.revoke(accessKeyId);
    }

    /** The failures and delays to inject; changes apply to the next requests. */
    public FaultPlan faults() {
        return faults;
    }

    /** Every batch accepted so far, in order of receipt. */
    public List<ReceivedBatch> receivedBatches() {
        return recorder.batches();
    }

    /**
     * Every batch in which the function rejected a record ({@link FaultPlan#rejectRecords}), as it arrived, in order
     * of receipt; of a batch answered with batch item failures, the records it took are in
     * {@link #receivedBatches()} too.
     */
    public List<ReceivedBatch> rejectedBatches() {
        return rejectedRecorder.batches();
    }

    /** Waits until the function received at least {@code count} records; fails with an AssertionError on timeout. */
    public List<ReceivedBatch> awaitRecords(int count, Duration timeout) throws InterruptedException {
        return recorder.awaitRecords(count, timeout);
    }

    /** The most requests the endpoint was handling at the same time so far (injected delays included). */
    public int highestConcurrency() {
        return concurrency.highest();
    }

    /**
     * Every batch accepted since the last call (or since the start), in order of receipt, which the endpoint then
     * forgets: for a reader that consumes them as they come, so that the endpoint does not hold a whole load.
     */
    public List<ReceivedBatch> takeReceived() {
        return recorder.take();
    }

    /** Forgets the batches received so far. */
    public void clearReceived() {
        recorder.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Settings of a local endpoint; service, function and AccessKey are required. */
    public static final class Builder {

        private String service;
        private String function;
        private String qualifier = InvocationPath.LATEST;
        private String accessKeyId;
        private String accessKeySecret;
        private String securityToken;
        private int port;
        private PrintStream echo;
        private int maxBodyBytes;
        private Webhook webhook;
        private boolean getFunctionDenied;
        private boolean readsBodies = true;

        private Builder() {
        }

        /**
         * Let the AccessKey invoke the function but not read its configuration, like a RAM policy that grants only
         * fc:InvokeFunction: GetFunction answers 403 AccessDenied once the request is authentic.
         */
        public Builder denyGetFunction() {
            this.getFunctionDenied = true;
            return this;
        }

        /**
         * Also take batches POSTed to {@code path} (e.g. {@code /hooks/orders}), as a plain webhook would:
         * requiring {@code Authorization: Bearer <bearerToken>}, or nothing when {@code bearerToken} is null; OPTIONS
         * and HEAD with the same token answer 204 without reaching the function.
         */
        public Builder webhook(String path, String bearerToken) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a webhook path starts with '/', not " + path);
            }
            this.webhook = new Webhook(path, bearerToken);
            return this;
        }

        /**
         * Reject request bodies above {@code maxBodyBytes} with FC's EntityTooLarge error, for any invocation type
         * (default: FC's limits, 32 MB Sync and 128 KB Async).
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("a body limit must be positive, not " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Let the function answer each authentic invocation at once with an empty result, without reading the body
         * (by default it checks that the body is JSON and answers with the number of records). For benchmarks, where
         * the function stands for one that runs elsewhere; {@link ReceivedBatch#recordCount()} reads the body later.
         */
        public Builder unreadBodies() {
            this.readsBodies = false;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder function(String function) {
            this.function = function;
            return this;
        }

        /** The version or alias the function is published under; requests naming no qualifier mean LATEST. */
        public Builder qualifier(String qualifier) {
            this.qualifier = qualifier;
            return this;
        }

        public Builder accessKey(String accessKeyId, String accessKeySecret) {
            this.accessKeyId = accessKeyId;
            this.accessKeySecret = accessKeySecret;
            return this;
        }

        /** Require this STS token in {@code x-fc-security-token}; without it, requests must carry no token. */
        public Builder securityToken(String securityToken) {
            this.securityToken = securityToken;
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Print each received batch to {@code echo} as it arrives. */
        public Builder echoTo(PrintStream echo) {
            this.echo = echo;
            return this;
        }

        public FcLocalEndpoint start() throws IOException {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(qualifier, "qualifier");
            InvocationPath target = new InvocationPath(service, qualifier, function);
            Clock clock = Clock.systemUTC();
            FaultPlan faults = new FaultPlan();
            BatchRecorder recorder = new BatchRecorder(echo, service + "." + qualifier + "/" + function);
            BatchRecorder rejectedRecorder = new BatchRecorder(null, service + "." + qualifier + "/" + function);
            AcceptedCredentials accepted = new AcceptedCredentials(
                new FcCredentials(accessKeyId, accessKeySecret, securityToken));
            FcRequestAuthenticator authenticator = new FcRequestAuthenticator(accepted, clock);
            Acs3RequestAuthenticator acs3Authenticator = new Acs3RequestAuthenticator(accepted, clock);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "fc-local-endpoint");
                thread.setDaemon(true);
                return thread;
            });
            ConcurrencyMeter concurrency = new ConcurrencyMeter();
            server.createContext("/", new InvocationHandler(target, authenticator, acs3Authenticator, webhook, faults,
                recorder, rejectedRecorder, clock, concurrency,
                new FunctionBehaviour(maxBodyBytes, getFunctionDenied ? accessKeyId : null, readsBodies)));
            server.setExecutor(executor);
            server.start();
            return new FcLocalEndpoint(server, executor, target, faults, recorder, rejectedRecorder, concurrency,
                webhook, accepted);
        }
    }
}
