package dev.binlogfc.sink.fc.auth;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.AlibabaCloudCredentialsProvider;
import dev.binlogfc.sink.fc.invoke.CredentialSource;
import dev.binlogfc.sink.fc.invoke.CredentialsUnavailableException;
import dev.binlogfc.sink.fc.invoke.FcCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials from a provider of Alibaba Cloud's credentials library, which renews temporary ones before they
 * expire. When FC rejects them anyway (revoked, or expired early), {@link #renew} replaces the provider with a new
 * one, whose first use fetches new credentials; partitions rejected at the same moment share one renewal.
 */
public final class AlibabaCredentialSource implements CredentialSource {

    /** Rejections within this time after a renewal are taken as rejections of the credentials it replaced. */
    static final Duration RENEWAL_QUIET_TIME = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(AlibabaCredentialSource.class);

    private final Supplier<AlibabaCloudCredentialsProvider> providers;
    private final boolean renewable;
    private final String description;
    private final Clock clock;
    private AlibabaCloudCredentialsProvider provider;
    private Instant lastRenewal = Instant.MIN;

    AlibabaCredentialSource(Supplier<AlibabaCloudCredentialsProvider> providers, boolean renewable,
                            String description, Clock clock) {
        this.providers = providers;
        this.renewable = renewable;
        this.description = description;
        this.clock = clock;
        this.provider = providers.get();
    }

    /** The source the settings describe; only fixed AccessKeys cannot be renewed. */
    public static AlibabaCredentialSource of(CredentialSettings settings) {
        return new AlibabaCredentialSource(() -> AlibabaProviders.create(settings),
            settings.type() != CredentialsType.ACCESS_KEY, settings.toString(), Clock.systemUTC());
    }

    @Override
    public FcCredentials current() {
        CredentialModel model;
        try {
            model = currentProvider().getCredentials();
        } catch (RuntimeException e) {
            // The library's messages name the failing endpoint and its answer, never the credentials themselves.
            throw new CredentialsUnavailableException("cannot obtain " + description + ": " + e.getMessage(), e);
        }
        if (model == null || model.getAccessKeyId() == null || model.getAccessKeySecret() == null) {
            throw new CredentialsUnavailableException("cannot obtain " + description + ": the provider gave no"
                + " AccessKey", null);
        }
        String token = model.getSecurityToken();
        return new FcCredentials(model.getAccessKeyId(), model.getAccessKeySecret(),
            token == null || token.isEmpty() ? null : token);
    }

    private synchronized AlibabaCloudCredentialsProvider currentProvider() {
        return provider;
    }

    @Override
    public synchronized boolean renew() {
        if (!renewable) {
            return false;
        }
        Instant now = clock.instant();
        if (Duration.between(lastRenewal, now).compareTo(RENEWAL_QUIET_TIME) >= 0) {
            log.info("Renewing {} after FC rejected them", description);
            closeQuietly(provider);
            provider = providers.get();
            lastRenewal = now;
        }
        return true;
    }

    @Override
    public synchronized void close() {
        closeQuietly(provider);
    }

    private static void closeQuietly(AlibabaCloudCredentialsProvider provider) {
        try {
            provider.close();
        } catch (Exception e) {
            log.debug("Closing a credentials provider failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
