package dev.binlogfc.sink.fc.config;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.common.config.Recommenders;
import dev.binlogfc.sink.fc.net.HttpTransport;
import dev.binlogfc.sink.fc.net.ProxySettings;
import dev.binlogfc.sink.fc.net.StoreSettings;
import dev.binlogfc.sink.fc.net.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How the connector reaches its target: an HTTP proxy (else the JVM's proxy settings), the trust store and, for
 * mutual TLS, the key store of its HTTPS connections, and host name verification.
 */
final class NetworkConfig {

    static final String PROXY_HOST = "http.proxy.host";
    static final String PROXY_PORT = "http.proxy.port";
    static final String PROXY_USERNAME = "http.proxy.username";
    static final String PROXY_PASSWORD = "http.proxy.password";
    static final String TRUSTSTORE_LOCATION = "http.ssl.truststore.location";
    static final String TRUSTSTORE_PASSWORD = "http.ssl.truststore.password";
    static final String TRUSTSTORE_TYPE = "http.ssl.truststore.type";
    static final String KEYSTORE_LOCATION = "http.ssl.keystore.location";
    static final String KEYSTORE_PASSWORD = "http.ssl.keystore.password";
    static final String KEYSTORE_TYPE = "http.ssl.keystore.type";
    static final String KEY_PASSWORD = "http.ssl.key.password";
    static final String HOSTNAME_VERIFICATION = "http.ssl.hostname.verification";
    static final String SECRET_HEADERS = "http.secret.headers";

    private static final String GROUP = "Network";
    private static final EnumChoice<StoreType> STORE_TYPES = EnumChoice.of(StoreType.class);

    private NetworkConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 1;
        return def
            .define(PROXY_HOST, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.LOW, "HTTP proxy host for all requests; left out, the JVM's proxy settings apply"
                    + " (https.proxyHost, http.nonProxyHosts, ...).",
                GROUP, order++, Width.MEDIUM, "Proxy host")
            .define(PROXY_PORT, Type.INT, null, Validators.optional(Range.between(1, 65_535)), Importance.LOW,
                "Port of http.proxy.host; required with it.",
                GROUP, order++, Width.SHORT, "Proxy port")
            .define(PROXY_USERNAME, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.LOW, "User name for the proxy's Basic authentication, if it asks for one.",
                GROUP, order++, Width.MEDIUM, "Proxy user name")
            .define(PROXY_PASSWORD, Type.PASSWORD, null, Validators.nonBlankPassword(true), Importance.LOW,
                "Password for the proxy's Basic authentication; never logged.",
                GROUP, order++, Width.MEDIUM, "Proxy password")
            .define(TRUSTSTORE_LOCATION, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.MEDIUM, "Trust store file with the CA certificates this connector's HTTPS connections"
                    + " trust, instead of the JVM's; for an endpoint with a private CA.",
                GROUP, order++, Width.LONG, "Trust store")
            .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Validators.nonBlankPassword(true), Importance.LOW,
                "Password of the trust store, if it has one; never logged.",
                GROUP, order++, Width.MEDIUM, "Trust store password")
            .define(TRUSTSTORE_TYPE, Type.STRING, StoreType.PKCS12.value(), STORE_TYPES.validator(), Importance.LOW,
                "File format of the trust store.",
                GROUP, order++, Width.SHORT, "Trust store type", List.of(), STORE_TYPES.recommender())
            .define(KEYSTORE_LOCATION, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.LOW, "Key store file with the client certificate and key presented for mutual TLS,"
                    + " e.g. to a webhook that requires one.",
                GROUP, order++, Width.LONG, "Key store")
            .define(KEYSTORE_PASSWORD, Type.PASSWORD, null, Validators.nonBlankPassword(true), Importance.LOW,
                "Password of the key store; never logged.",
                GROUP, order++, Width.MEDIUM, "Key store password")
            .define(KEYSTORE_TYPE, Type.STRING, StoreType.PKCS12.value(), STORE_TYPES.validator(), Importance.LOW,
                "File format of the key store.",
                GROUP, order++, Width.SHORT, "Key store type", List.of(), STORE_TYPES.recommender())
            .define(KEY_PASSWORD, Type.PASSWORD, null, Validators.nonBlankPassword(true), Importance.LOW,
                "Password of the private key in the key store, if it differs from the store's; never logged.",
                GROUP, order++, Width.MEDIUM, "Key password")
            .define(HOSTNAME_VERIFICATION, Type.BOOLEAN, true, ConfigDef.LambdaValidator.with((name, value) -> {
                if (!(value instanceof Boolean)) {
                    throw new ConfigException(name, value, "use true or false");
                }
            }, () -> "true or false"), Importance.LOW,
                "Whether the server's certificate must name the host connected to; turn off only for tests.",
                GROUP, order++, Width.SHORT, "Verify host names")
            .define(SECRET_HEADERS, Type.PASSWORD, null, Validators.optional(Validators.secretHeaderList()),
                Importance.LOW, "Headers with secret values (API keys) sent with every batch with target.type=http,"
                    + " as comma-separated 'Name: Value' entries like http.headers; never logged.",
                GROUP, order, Width.LONG, "Secret HTTP headers", List.of(),
                Recommenders.visibleWhen(FcSinkConfig.HTTP_TARGET));
    }

    /** Rules across these settings, by the setting to blame. */
    static void checkConsistency(Map<String, ?> values, Map<String, String> violations) {
        if (values.get(PROXY_HOST) != null && values.containsKey(PROXY_PORT) && values.get(PROXY_PORT) == null) {
            violations.put(PROXY_PORT, PROXY_PORT + " is required with " + PROXY_HOST);
        }
    }

    static HttpTransport transport(AbstractConfig config, Duration connectTimeout, Duration responseTimeout,
                                   int maxConnections) {
        String proxyHost = config.getString(PROXY_HOST);
        ProxySettings proxy = proxyHost == null ? ProxySettings.JVM : new ProxySettings(proxyHost,
            config.getInt(PROXY_PORT), config.getString(PROXY_USERNAME), Secrets.value(config, PROXY_PASSWORD));
        TlsSettings tls = new TlsSettings(store(config, TRUSTSTORE_LOCATION, TRUSTSTORE_TYPE, TRUSTSTORE_PASSWORD),
            store(config, KEYSTORE_LOCATION, KEYSTORE_TYPE, KEYSTORE_PASSWORD), Secrets.value(config, KEY_PASSWORD),
            config.getBoolean(HOSTNAME_VERIFICATION));
        return new HttpTransport(connectTimeout, responseTimeout, maxConnections, proxy, tls);
    }

    /** The secret headers as name to value. */
    static Map<String, String> secretHeaders(AbstractConfig config) {
        Password headers = config.getPassword(SECRET_HEADERS);
        return headers == null ? Map.of() : headerMap(Validators.splitList(headers.value()));
    }

    /** 'Name: Value' entries, validated before, as name to value. */
    static Map<String, String> headerMap(List<String> entries) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : entries) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return headers;
    }

    private static StoreSettings store(AbstractConfig config, String location, String type, String password) {
        String path = config.getString(location);
        return path == null ? null : new StoreSettings(Path.of(path), STORE_TYPES.parse(type, config.getString(type))
            .name(), Secrets.value(config, password));
    }
}
