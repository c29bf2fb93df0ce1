package dev.binlogfc.sink.fc.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * JVM-wide settings that Alibaba's credentials library reads and no connector setting reaches, changed for one test
 * and restored by {@link #close()}: the trust store its HTTPS calls to STS use, and the route to the ECS metadata
 * service, whose address (100.100.100.200) the library hard-codes. The route sends the library's metadata requests
 * to a stand-in on 127.0.0.1 as to an HTTP proxy, so that nothing leaves the machine.
 */
public final class JvmNetworkSettings implements AutoCloseable {

    public static final String METADATA_HOST = "100.100.100.200";

    private final String trustStore = System.getProperty("javax.net.ssl.trustStore");
    private final String trustStorePassword = System.getProperty("javax.net.ssl.trustStorePassword");
    private final String trustStoreType = System.getProperty("javax.net.ssl.trustStoreType");
    private final ProxySelector proxySelector = ProxySelector.getDefault();

    public JvmNetworkSettings trustOnly(Path store, String password) {
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", password);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        return this;
    }

    public JvmNetworkSettings routeMetadataServiceTo(int localPort) {
        ProxySelector previous = proxySelector;
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                if (METADATA_HOST.equals(uri.getHost())) {
                    return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", localPort)));
                }
                return previous == null ? List.of(Proxy.NO_PROXY) : previous.select(uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        });
        return this;
    }

    @Override
    public void close() {
        restore("javax.net.ssl.trustStore", trustStore);
        restore("javax.net.ssl.trustStorePassword", trustStorePassword);
        restore("javax.net.ssl.trustStoreType", trustStoreType);
        ProxySelector.setDefault(proxySelector);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
