package dev.binlogfc.teststack.fc;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/** A plain HTTP endpoint at {@code path} that takes batches, requiring {@code Authorization: Bearer <token>} if set. */
record Webhook(String path, String bearerToken) {

    Optional<FcError> check(Headers headers) {
        if (bearerToken == null) {
            return Optional.empty();
        }
        String presented = Objects.requireNonNullElse(headers.getFirst("Authorization"), "");
        boolean valid = MessageDigest.isEqual(("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
        return valid ? Optional.empty() : Optional.of(FcError.unauthorized());
    }
}
