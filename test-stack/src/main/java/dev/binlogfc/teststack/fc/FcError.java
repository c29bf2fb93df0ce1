package dev.binlogfc.teststack.fc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer of the FC API: an HTTP status and the {@code {"ErrorCode":..,"ErrorMessage":..}} body. */
public record FcError(int status, String errorCode, String errorMessage) {

    static final ObjectMapper JSON = new ObjectMapper();

    static FcError missingHeader(String header) {
        return new FcError(400, "MissingRequiredHeader", "required HTTP header " + header + " was not specified");
    }

    static FcError pathNotSupported(String method, String path) {
        return new FcError(400, "PathNotSupported", "'" + method + "' against '" + path + "' is not supported");
    }

    static FcError invalidArgument(String message) {
        return new FcError(400, "InvalidArgument", message);
    }

    static FcError entityTooLarge(long limit) {
        return new FcError(400, "EntityTooLarge", "payload size exceeds maximum allowed size (" + limit + " bytes)");
    }

    static FcError signatureNotMatch() {
        return new FcError(403, "SignatureNotMatch", "The request signature we calculated does not match the signature"
            + " you provided. Check your access key and signing method");
    }

    static FcError unauthorized() {
        return new FcError(401, "Unauthorized", "missing or wrong bearer token");
    }

    static FcError accessDenied(String action, String accessKeyId) {
        return new FcError(403, "AccessDenied", "the caller " + accessKeyId + " is not authorized to perform 'fc:"
            + action + "'");
    }

    static FcError invalidAccessKeyId(String accessKeyId) {
        return new FcError(403, "InvalidAccessKeyID", "invalid access key ID '" + accessKeyId + "'");
    }

    static FcError invalidSecurityToken() {
        return new FcError(403, "InvalidSecurityToken", "the security token is missing, unknown or does not belong"
            + " to the access key");
    }

    static FcError requestTimeTooSkewed(String date) {
        return new FcError(403, "RequestTimeTooSkewed", "the difference between the request time '" + date
            + "' and the server's time is larger than 15 minutes");
    }

    static FcError serviceNotFound(String service) {
        return new FcError(404, "ServiceNotFound", "service '" + service + "' does not exist");
    }

    static FcError aliasNotFound(String qualifier, String service) {
        return new FcError(404, "AliasNotFound", "alias '" + qualifier + "' of service '" + service
            + "' does not exist");
    }

    static FcError versionNotFound(String version, String service) {
        return new FcError(404, "VersionNotFound", "version '" + version + "' of service '" + service
            + "' does not exist");
    }

    static FcError functionNotFound(String service, String function) {
        return new FcError(404, "FunctionNotFound", "function '" + function + "' does not exist in service '"
            + service + "'");
    }

    /** The error FC gives for a status, as used by injected failures. */
    static FcError injected(int status) {
        String code = switch (status) {
            case 429 -> "ResourceThrottled";
            case 500 -> "InternalServerError";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> "InjectedFailure";
        };
        return new FcError(status, code, "injected failure (HTTP " + status + ") from the local FC endpoint");
    }

    byte[] body() {
        ObjectNode body = JSON.createObjectNode().put("ErrorCode", errorCode).put("ErrorMessage", errorMessage);
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
