package dev.binlogfc.teststack.fc;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an FC 3.0 request's signature V3 the way the service does: the AccessKey, the signed headers (host and
 * every x-acs- header must be signed), the body hash, the request time and the STS token.
 */
final class Acs3RequestAuthenticator {

    private static final Pattern AUTHORIZATION = Pattern.compile(
        Acs3Signature.ALGORITHM + " Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)");

    private final AcceptedCredentials accepted;
    private final Clock clock;

    Acs3RequestAuthenticator(AcceptedCredentials accepted, Clock clock) {
        this.accepted = accepted;
        this.clock = clock;
    }

    Optional<FcError> check(String method, String path, String rawQuery, Headers headers,
                            byte[] body) {
        String date = headers.getFirst("x-acs-date");
        if (date == null) {
            return Optional.of(FcError.missingHeader("x-acs-date"));
        }
        try {
            if (Duration.between(Instant.parse(date), clock.instant()).abs()
                .compareTo(FcRequestAuthenticator.MAX_CLOCK_SKEW) > 0) {
                return Optional.of(FcError.requestTimeTooSkewed(date));
            }
        } catch (DateTimeParseException e) {
            return Optional.of(FcError.invalidArgument("x-acs-date '" + date + "' is not yyyy-MM-ddTHH:mm:ssZ"));
        }
        String payloadHash = Acs3Signature.sha256Hex(body);
        if (!payloadHash.equals(headers.getFirst("x-acs-content-sha256"))) {
            return Optional.of(FcError.invalidArgument("x-acs-content-sha256 does not match the body"));
        }
        String authorization = headers.getFirst("Authorization");
        Matcher parsed = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (parsed == null || !parsed.matches()) {
            return Optional.of(FcError.signatureNotMatch());
        }
        Optional<FcCredentials> known = accepted.find(parsed.group(1));
        if (known.isEmpty()) {
            return Optional.of(accepted.wasRevoked(parsed.group(1)) ? FcError.invalidSecurityToken()
                : FcError.invalidAccessKeyId(parsed.group(1)));
        }
        FcCredentials credentials = known.get();
        List<String> signed = Arrays.asList(parsed.group(2).split(";"));
        boolean allSigned = signed.contains("host") && headers.keySet().stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .filter(name -> name.startsWith("x-acs-")).allMatch(signed::contains);
        String expected = Acs3Signature.sign(credentials.accessKeySecret(), Acs3Signature.stringToSign(
            Acs3Signature.canonicalRequest(method, path, rawQuery, headers, signed, payloadHash)));
        if (!allSigned || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
            parsed.group(3).getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(FcError.signatureNotMatch());
        }
        if (!Objects.equals(credentials.securityToken(), headers.getFirst("x-acs-security-token"))) {
            return Optional.of(FcError.invalidSecurityToken());
        }
        return Optional.empty();
    }
}
