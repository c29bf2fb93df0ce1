package dev.binlogfc.sink.fc.auth;

import dev.binlogfc.common.config.EnumeratedSetting;
import java.util.Set;

/**
 * Where FC credentials come from, named as Alibaba Cloud's credentials library names its providers
 * (fc.credentials.type).
 */
public enum CredentialsType implements EnumeratedSetting {
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

    /** Earlier versions spelt the values with '_' as the credentials library does, e.g. access_key. */
    @Override
    public Set<String> deprecatedSpellings() {
        return Set.of(name());
    }
}
