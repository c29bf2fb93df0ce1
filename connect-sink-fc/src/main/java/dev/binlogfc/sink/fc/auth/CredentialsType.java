package dev.binlogfc.sink.fc.auth;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where FC credentials come from, named as Alibaba Cloud's credentials library names its providers
 * (fc.credentials.type).
 */
public enum CredentialsType {
    /** fc.access.key.id and fc.access.key.secret, with fc.security.token for a temporary (STS) AccessKey. */
    ACCESS_KEY,
    /** AssumeRole of fc.role.arn with the configured AccessKey, renewed before the session expires. */
    RAM_ROLE_ARN,
    /** The RAM role of the ECS instance the worker runs on, from the instance metadata service. */
    ECS_RAM_ROLE,
    /** AssumeRoleWithOIDC with a service account token file: ACK's RRSA (ALIBABA_CLOUD_ROLE_ARN, ... variables). */
    OIDC_ROLE_ARN,
    /** A URL that answers temporary credentials as JSON (fc.credentials.uri or ALIBABA_CLOUD_CREDENTIALS_URI). */
    CREDENTIALS_URI,
    /**
     * The library's default chain: system properties, ALIBABA_CLOUD_* environment variables, RRSA, the CLI's
     * ~/.aliyun/config.json, the ~/.alibabacloud/credentials profile file, the ECS RAM role, a credentials URI.
     */
    DEFAULT;

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CredentialsType fromSettingValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public static String[] settingValues() {
        return Arrays.stream(values()).map(CredentialsType::settingValue).toArray(String[]::new);
    }
}
