package dev.binlogfc.teststack.fc;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/** Checks a request's Date, Authorization and security token the way FC does before it runs a function. */
final class FcRequestAuthenticator {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    private static final String SCHEME = "FC ";

    private final AcceptedCredentials accepted;
    private final Clock clock;

    FcRequestAuthenticator(AcceptedCredentials accepted, Clock clock) {
        this.accepted = accepted;
        this.clock = clock;
    }

    /** The error FC would answer with, or empty when the request is authentic. */
    Optional<FcError> check(String method, String path, String rawQuery, Headers headers) {
        String date = headers.getFirst("Date");
        if (date == null) {
            return Optional.of(FcError.missingHeader("Date"));
        }
        Instant sentAt;
        try {
            sentAt = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.of(FcError.invalidArgument("the Date header '" + date + "' is not an RFC 1123 date"));
        }
        if (Duration.between(sentAt, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            return Optional.of(FcError.requestTimeTooSkewed(date));
        }
        String authorization = headers.getFirst("Authorization");
        if (authorization == null) {
            return Optional.of(FcError.missingHeader("Authorization"));
        }
        int colon = authorization.lastIndexOf(':');
        if (!authorization.startsWith(SCHEME) || colon < SCHEME.length()) {
            return Optional.of(FcError.signatureNotMatch());
        }
        String accessKeyId = authorization.substring(SCHEME.length(), colon);
        Optional<FcCredentials> known = accepted.find(accessKeyId);
        if (known.isEmpty()) {
            return Optional.of(accepted.wasRevoked(accessKeyId) ? FcError.invalidSecurityToken()
                : FcError.invalidAccessKeyId(accessKeyId));
        }
        FcCredentials credentials = known.get();
        String expected = FcSignature.sign(credentials.accessKeySecret(),
            FcSignature.stringToSign(method, path, rawQuery, headers));
        String presented = authorization.substring(colon + 1);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(FcError.signatureNotMatch());
        }
        if (!Objects.equals(credentials.securityToken(), headers.getFirst("x-fc-security-token"))) {
            return Optional.of(FcError.invalidSecurityToken());
        }
        return Optional.empty();
    }
}
