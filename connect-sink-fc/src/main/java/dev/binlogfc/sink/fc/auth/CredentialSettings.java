package dev.binlogfc.sink.fc.auth;

import java.time.Duration;

/**
 * The credential settings of one connector; which ones apply depends on {@code type}, and those left out
 * ({@code null}) fall back to the ALIBABA_CLOUD_* environment variables as the library defines. Secrets are never
 * shown.
 */
public record CredentialSettings(CredentialsType type, String accessKeyId, String accessKeySecret,
                                 String securityToken, RoleSettings role, String stsEndpoint, String ecsRoleName,
                                 String oidcProviderArn, String oidcTokenFile, String credentialsUri,
                                 Duration connectTimeout, Duration readTimeout) {

    /** The role to assume (ram-role-arn, oidc-role-arn). */
    public record RoleSettings(String arn, String sessionName, int sessionSeconds, String externalId, String policy) {
    }

    @Override
    public String toString() {
        return "credentials of type " + type.value() + switch (type) {
            case ACCESS_KEY -> " (AccessKey " + accessKeyId + (securityToken == null ? ")" : " with STS token)");
            case RAM_ROLE_ARN -> " (role " + role.arn() + " assumed by AccessKey " + accessKeyId + ")";
            case OIDC_ROLE_ARN -> " (role " + (role.arn() == null ? "from ALIBABA_CLOUD_ROLE_ARN" : role.arn()) + ")";
            case ECS_RAM_ROLE -> " (role " + (ecsRoleName == null ? "of the instance" : ecsRoleName) + ")";
            case CREDENTIALS_URI, DEFAULT -> "";
        };
    }
}
