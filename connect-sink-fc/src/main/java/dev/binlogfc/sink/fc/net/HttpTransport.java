package dev.binlogfc.sink.fc.net;

import java.io.IOException;
import java.net.ProxySelector;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.common.config.ConfigException;

/**
 * The connector's HTTP connections: timeouts, pool size, proxy and TLS. Redirects and automatic retries are off:
 * every call is exactly one attempt, and the caller decides about retries.
 */
public record HttpTransport(Duration connectTimeout, Duration responseTimeout, int maxConnections,
                            ProxySettings proxy, TlsSettings tls) {

    /** A pooled client with these settings; a store that cannot be read is a ConfigException. */
    public CloseableHttpClient newClient() {
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout response = Timeout.ofMilliseconds(responseTimeout.toMillis());
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(maxConnections)
            .setMaxConnPerRoute(maxConnections)
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(connect)
                .setSocketTimeout(response)
                .build())
            .setTlsSocketStrategy(tlsStrategy());
        HttpClientBuilder client = HttpClients.custom()
            .setConnectionManager(connections.build())
            .setDefaultRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(response)
                .build())
            .disableRedirectHandling()
            .disableAutomaticRetries();
        if (proxy.explicit()) {
            HttpHost proxyHost = new HttpHost(proxy.host(), proxy.port());
            client.setProxy(proxyHost);
            if (proxy.username() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(new AuthScope(proxyHost), new UsernamePasswordCredentials(proxy.username(),
                    proxy.password() == null ? new char[0] : proxy.password().toCharArray()));
                client.setDefaultCredentialsProvider(credentials);
            }
        } else {
            // The JVM's proxy: http(s).proxyHost/-Port/nonProxyHosts, or a ProxySelector the worker installed.
            client.setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()));
        }
        return client.build();
    }

    private org.apache.hc.client5.http.ssl.TlsSocketStrategy tlsStrategy() {
        SSLContext context;
        try {
            context = tls.sslContext();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot load the key or trust store (" + tls + "): " + e.getMessage());
        }
        ClientTlsStrategyBuilder builder = ClientTlsStrategyBuilder.create();
        if (context != null) {
            builder.setSslContext(context);
        } else {
            builder.useSystemProperties();
        }
        if (!tls.hostnameVerification()) {
            builder.setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
        }
        return builder.buildClassic();
    }

    /** JVM defaults for proxy and TLS. */
    public static HttpTransport withJvmDefaults(Duration connectTimeout, Duration responseTimeout,
                                                int maxConnections) {
        return new HttpTransport(connectTimeout, responseTimeout, maxConnections, ProxySettings.JVM, TlsSettings.JVM);
    }
}
