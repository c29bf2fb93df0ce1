package dev.binlogfc.teststack.fc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plain HTTP endpoint at {@code path} that takes batches, requiring {@code Authorization: Bearer <token>} if set. */
record Webhook(String path, String bearerToken) {

    Optional<FcError> check(Map<String, List<String>> headers) {
        if (bearerToken == null) {
            return Optional.empty();
        }
        String presented = headers.entrySet().stream()
            .filter(header -> header.getKey().equalsIgnoreCase("Authorization")).flatMap(header -> header.getValue().stream()).findFirst().orElse("");
        boolean valid = MessageDigest.isEqual(("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
        return valid ? Optional.empty() : Optional.of(FcError.unauthorized());
    }
}
