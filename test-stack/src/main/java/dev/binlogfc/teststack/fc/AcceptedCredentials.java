package dev.binlogfc.teststack.fc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AccessKeys the local endpoint accepts, by id. Temporary (STS) credentials come and go while a sink runs: a
 * stand-in for STS grants each one it issues and revokes it when it expires, as FC stops accepting an expired token.
 */
final class AcceptedCredentials {

    private final Map<String, FcCredentials> byAccessKeyId = new ConcurrentHashMap<>();
    private final Map<String, Boolean> revoked = new ConcurrentHashMap<>();

    AcceptedCredentials(FcCredentials initial) {
        grant(initial);
    }

    void grant(FcCredentials credentials) {
        byAccessKeyId.put(credentials.accessKeyId(), credentials);
        revoked.remove(credentials.accessKeyId());
    }

    void revoke(String accessKeyId) {
        if (byAccessKeyId.remove(accessKeyId) != null) {
            revoked.put(accessKeyId, Boolean.TRUE);
        }
    }

    Optional<FcCredentials> find(String accessKeyId) {
        return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
    }

    /** Whether {@code accessKeyId} was accepted once: FC then answers that its token expired, not that it is unknown. */
    boolean wasRevoked(String accessKeyId) {
        return revoked.containsKey(accessKeyId);
    }
}
