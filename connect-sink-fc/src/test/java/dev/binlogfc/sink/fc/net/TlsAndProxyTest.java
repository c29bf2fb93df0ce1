package dev.binlogfc.sink.fc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.binlogfc.sink.fc.config.FcSinkConfig;
import dev.binlogfc.sink.fc.delivery.InvocationOutcome;
import dev.binlogfc.sink.fc.delivery.OutcomeClassifier;
import dev.binlogfc.sink.fc.invoke.CallCanceller;
import dev.binlogfc.sink.fc.invoke.FcInvoker;
import dev.binlogfc.sink.fc.invoke.FcResponse;
import dev.binlogfc.sink.fc.invoke.InvocationTarget;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector's network settings against local servers: an HTTPS webhook whose certificate a CA made for the test
 * issued (trusted only through http.ssl.truststore.*, its host name verified unless turned off, a client
 * certificate from http.ssl.keystore.* when it demands one), and delivery through an HTTP proxy, set explicitly or
 * through the JVM's proxy properties.
 */
class TlsAndProxyTest {

    private static final byte[] BATCH = "{\"Records\":[{\"id\":1}]}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private TestCertificates certificates;
    private HttpsServer webhook;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void makeCa() throws Exception {
        certificates = new TestCertificates("webhook test CA");
    }

    @AfterEach
    void stopWebhook() {
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void aWebhookWithItsOwnCaIsReachedWithTheTrustStoreAndRefusedWithoutIt() throws Exception {
        startWebhook(certificates.issue("127.0.0.1", KeyPurposeId.id_kp_serverAuth, "127.0.0.1"), false);

        assertRefusedAsUntrusted(webhookSettings());

        Map<String, String> trusting = webhookSettings();
        trusting.putAll(trustStore());
        assertThat(deliver(trusting).status()).isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedUnlessHostNameVerificationIsOff() throws Exception {
        startWebhook(certificates.issue("other.example", KeyPurposeId.id_kp_serverAuth, "other.example"), false);
        Map<String, String> settings = webhookSettings();
        settings.putAll(trustStore());

        assertRefusedAsUntrusted(settings);

        settings.put("http.ssl.hostname.verification", "false");
        assertThat(deliver(settings).status()).isEqualTo(200);
    }

    @Test
    void aWebhookDemandingAClientCertificateGetsTheKeyStoresOne() throws Exception {
        startWebhook(certificates.issue("127.0.0.1", KeyPurposeId.id_kp_serverAuth, "127.0.0.1"), true);
        Map<String, String> settings = webhookSettings();
        settings.putAll(trustStore());

        assertThatThrownBy(() -> deliver(settings)).isInstanceOf(IOException.class);
        assertThat(received).isEmpty();

        Path keyStore = TestCertificates.write(
            certificates.issue("binlog-fc sink", KeyPurposeId.id_kp_clientAuth), dir.resolve("client.p12"));
        settings.put("http.ssl.keystore.location", keyStore.toString());
        settings.put("http.ssl.keystore.password", TestCertificates.PASSWORD);
        assertThat(deliver(settings).status()).isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void deliversThroughAnExplicitProxyWithBasicAuthentication() throws Exception {
        try (FcLocalEndpoint fc = fcEndpoint(); LocalProxy proxy = new LocalProxy("proxy-user", "proxy-pass")) {
            Map<String, String> settings = fcSettings(fc);
            settings.put("http.proxy.host", "127.0.0.1");
            settings.put("http.proxy.port", Integer.toString(proxy.port()));
            settings.put("http.proxy.username", "proxy-user");
            settings.put("http.proxy.password", "proxy-pass");

            assertThat(deliver(settings).status()).isEqualTo(200);
            assertThat(fc.receivedBatches()).hasSize(1);
            assertThat(proxy.forwarded()).singleElement().asString().startsWith("POST http://127.0.0.1:");
        }
    }

    @Test
    void tunnelsHttpsThroughAnExplicitProxy() throws Exception {
        startWebhook(certificates.issue("127.0.0.1", KeyPurposeId.id_kp_serverAuth, "127.0.0.1"), false);
        try (LocalProxy proxy = new LocalProxy(null, null)) {
            Map<String, String> settings = webhookSettings();
            settings.putAll(trustStore());
            settings.put("http.proxy.host", "127.0.0.1");
            settings.put("http.proxy.port", Integer.toString(proxy.port()));

            assertThat(deliver(settings).status()).isEqualTo(200);
            assertThat(proxy.forwarded()).singleElement().asString().startsWith("CONNECT 127.0.0.1:");
        }
    }

    @Test
    void deliversThroughTheProxyOfTheJvmsProxyProperties() throws Exception {
        Map<String, String> before = new HashMap<>();
        for (String key : List.of("http.proxyHost", "http.proxyPort", "http.nonProxyHosts")) {
            before.put(key, System.getProperty(key));
        }
        try (FcLocalEndpoint fc = fcEndpoint(); LocalProxy proxy = new LocalProxy(null, null)) {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", Integer.toString(proxy.port()));
            // By default the JVM bypasses its proxy for 127.*, where this test's endpoint is.
            System.setProperty("http.nonProxyHosts", "");

            assertThat(deliver(fcSettings(fc)).status()).isEqualTo(200);
            assertThat(proxy.forwarded()).hasSize(1);
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private void assertRefusedAsUntrusted(Map<String, String> settings) {
        FcSinkConfig config = new FcSinkConfig(settings);
        InvocationTarget target = config.target();
        assertThatThrownBy(() -> deliver(settings)).isInstanceOfSatisfying(IOException.class, failure ->
            assertThat(new OutcomeClassifier(target).classify(failure)).isInstanceOf(InvocationOutcome.Fatal.class));
        assertThat(received).isEmpty();
    }

    private static FcResponse deliver(Map<String, String> settings) throws IOException {
        FcSinkConfig config = new FcSinkConfig(settings);
        try (FcInvoker invoker = new FcInvoker(config.target(), config.transport(Duration.ofSeconds(5), 1))) {
            return invoker.invoke(BATCH, new CallCanceller());
        }
    }

    private void startWebhook(KeyStore serverKeys, boolean needClientCertificate) throws Exception {
        SSLContext context = TestCertificates.serverContext(serverKeys,
            needClientCertificate ? certificates.trustStore() : null);
        webhook = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(needClientCertificate);
                params.setSSLParameters(parameters);
            }
        });
        webhook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
    }

    private Map<String, String> webhookSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("target.type", "http");
        settings.put("http.url", "https://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        return settings;
    }

    private Map<String, String> trustStore() throws Exception {
        Path store = TestCertificates.write(certificates.trustStore(), dir.resolve("trust.p12"));
        return Map.of("http.ssl.truststore.location", store.toString(),
            "http.ssl.truststore.password", TestCertificates.PASSWORD);
    }

    private static FcLocalEndpoint fcEndpoint() throws IOException {
        return FcLocalEndpoint.builder().service("svc").function("fn").accessKey("key", "secret").start();
    }

    private static Map<String, String> fcSettings(FcLocalEndpoint fc) {
        Map<String, String> settings = new HashMap<>();
        settings.put("fc.endpoint", fc.url());
        settings.put("fc.service.name", fc.serviceName());
        settings.put("fc.function.name", fc.functionName());
        settings.put("fc.access.key.id", "key");
        settings.put("fc.access.key.secret", "secret");
        return settings;
    }
}
