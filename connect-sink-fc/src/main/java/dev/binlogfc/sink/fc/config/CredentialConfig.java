package dev.binlogfc.sink.fc.config;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.common.config.Recommenders;
import dev.binlogfc.sink.fc.auth.CredentialSettings;
import dev.binlogfc.sink.fc.auth.CredentialsType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings that say where FC credentials come from: Alibaba Cloud's credential chain, as its credentials
 * library resolves it (static AccessKey, STS token, RAM role ARN, ECS RAM role, OIDC/RRSA role, credentials URI,
 * environment and profile files), with the endpoints it calls settable for private networks.
 */
final class CredentialConfig {

    static final String CREDENTIALS_TYPE = "fc.credentials.type";
    static final String ROLE_ARN = "fc.role.arn";
    static final String ROLE_SESSION_NAME = "fc.role.session.name";
    static final String ROLE_SESSION_SECONDS = "fc.role.session.seconds";
    static final String ROLE_EXTERNAL_ID = "fc.role.external.id";
    static final String ROLE_POLICY = "fc.role.policy";
    static final String STS_ENDPOINT = "fc.sts.endpoint";
    static final String ECS_ROLE_NAME = "fc.ecs.role.name";
    static final String OIDC_PROVIDER_ARN = "fc.oidc.provider.arn";
    static final String OIDC_TOKEN_FILE = "fc.oidc.token.file";
    static final String CREDENTIALS_URI = "fc.credentials.uri";
    static final String ACCOUNT_ID = "fc.account.id";

    /** The settings defined here, each applying to FC targets only. */
    static final List<String> KEYS = List.of(CREDENTIALS_TYPE, ROLE_ARN, ROLE_SESSION_NAME, ROLE_SESSION_SECONDS,
        ROLE_EXTERNAL_ID, ROLE_POLICY, STS_ENDPOINT, ECS_ROLE_NAME, OIDC_PROVIDER_ARN, OIDC_TOKEN_FILE, CREDENTIALS_URI,
        ACCOUNT_ID);

    private static final String GROUP = "Credentials";
    private static final EnumChoice<CredentialsType> CREDENTIALS_TYPES = EnumChoice.of(CredentialsType.class);
    /** The account id FC's public endpoints begin with: https://<accountId>.<region>.fc.aliyuncs.com. */
    private static final Pattern ENDPOINT_ACCOUNT = Pattern.compile("(\\d+)\\.[^.]+\\.fc\\.aliyuncs\\.com");
    /** AssumeRole and the metadata service answer within seconds; a stuck one must not hold up delivery long. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private CredentialConfig() {
    }

    static ConfigDef define(ConfigDef def, int firstOrder) {
        int order = firstOrder;
        return def
            .define(CREDENTIALS_TYPE, Type.STRING, CredentialsType.ACCESS_KEY.value(), CREDENTIALS_TYPES.validator(),
                Importance.HIGH,
                "Where the credentials that sign FC requests come from, resolved by Alibaba Cloud's credentials"
                    + " library: access-key (fc.access.key.*, fc.security.token), ram-role-arn (AssumeRole of"
                    + " fc.role.arn), ecs-ram-role (instance metadata), oidc-role-arn (ACK RRSA), credentials-uri,"
                    + " or default (the library's chain: environment, profile files, RRSA, ECS role, URI);"
                    + " temporary credentials are renewed before they expire.",
                GROUP, order++, Width.MEDIUM, "Credentials type", List.of(FcSinkConfig.ACCESS_KEY_ID,
                    FcSinkConfig.ACCESS_KEY_SECRET, FcSinkConfig.SECURITY_TOKEN, ROLE_ARN, ROLE_SESSION_NAME,
                    ROLE_SESSION_SECONDS, ROLE_EXTERNAL_ID, ROLE_POLICY, STS_ENDPOINT, ECS_ROLE_NAME, OIDC_PROVIDER_ARN,
                    OIDC_TOKEN_FILE, CREDENTIALS_URI),
                CREDENTIALS_TYPES.recommender(FcSinkConfig.FC_TARGET))
            .define(ROLE_ARN, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.HIGH, "ARN of the RAM role to assume (acs:ram::<account>:role/<name>); required for"
                    + " ram-role-arn, for oidc-role-arn it defaults to ALIBABA_CLOUD_ROLE_ARN.",
                GROUP, order++, Width.LONG, "Role ARN", List.of(),
                usedBy(CredentialsType.RAM_ROLE_ARN, CredentialsType.OIDC_ROLE_ARN))
            .define(ROLE_SESSION_NAME, Type.STRING, "binlog-fc", new ConfigDef.NonEmptyString(), Importance.LOW,
                "Session name of the assumed role, shown in ActionTrail.",
                GROUP, order++, Width.MEDIUM, "Role session name", List.of(),
                usedBy(CredentialsType.RAM_ROLE_ARN, CredentialsType.OIDC_ROLE_ARN))
            .define(ROLE_SESSION_SECONDS, Type.INT, 3600, Range.between(900, 43_200), Importance.LOW,
                "Lifetime in seconds of each assumed-role session; renewed 15 minutes before it ends.",
                GROUP, order++, Width.SHORT, "Role session seconds", List.of(),
                usedBy(CredentialsType.RAM_ROLE_ARN, CredentialsType.OIDC_ROLE_ARN))
            .define(ROLE_EXTERNAL_ID, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.LOW, "External id the role's trust policy requires for ram-role-arn, if any.",
                GROUP, order++, Width.MEDIUM, "Role external id", List.of(),
                usedBy(CredentialsType.RAM_ROLE_ARN))
            .define(ROLE_POLICY, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.LOW, "Policy (JSON) that further restricts the assumed role's session, if any.",
                GROUP, order++, Width.LONG, "Role session policy", List.of(),
                usedBy(CredentialsType.RAM_ROLE_ARN, CredentialsType.OIDC_ROLE_ARN))
            .define(STS_ENDPOINT, Type.STRING, null, Validators.optional(Validators.hostAndPort()), Importance.LOW,
                "host[:port] of the STS API called over HTTPS for ram-role-arn and oidc-role-arn (default"
                    + " sts.aliyuncs.com, or sts[-vpc].<ALIBABA_CLOUD_STS_REGION>.aliyuncs.com).",
                GROUP, order++, Width.MEDIUM, "STS endpoint", List.of(),
                usedBy(CredentialsType.RAM_ROLE_ARN, CredentialsType.OIDC_ROLE_ARN))
            .define(ECS_ROLE_NAME, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.LOW, "RAM role name of the ECS instance for ecs-ram-role; left out, the metadata"
                    + " service is asked for it.",
                GROUP, order++, Width.MEDIUM, "ECS RAM role name", List.of(),
                usedBy(CredentialsType.ECS_RAM_ROLE))
            .define(OIDC_PROVIDER_ARN, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.LOW, "ARN of the OIDC identity provider for oidc-role-arn (default"
                    + " ALIBABA_CLOUD_OIDC_PROVIDER_ARN, which ACK's RRSA sets).",
                GROUP, order++, Width.LONG, "OIDC provider ARN", List.of(),
                usedBy(CredentialsType.OIDC_ROLE_ARN))
            .define(OIDC_TOKEN_FILE, Type.STRING, null, Validators.optional(new ConfigDef.NonEmptyString()),
                Importance.LOW, "File holding the OIDC token for oidc-role-arn, read at each renewal (default"
                    + " ALIBABA_CLOUD_OIDC_TOKEN_FILE, which ACK's RRSA sets).",
                GROUP, order++, Width.LONG, "OIDC token file", List.of(),
                usedBy(CredentialsType.OIDC_ROLE_ARN))
            .define(CREDENTIALS_URI, Type.STRING, null, Validators.optional(Validators.httpUrl()), Importance.LOW,
                "URL answering temporary credentials as JSON for credentials-uri (default"
                    + " ALIBABA_CLOUD_CREDENTIALS_URI).",
                GROUP, order++, Width.LONG, "Credentials URI", List.of(),
                usedBy(CredentialsType.CREDENTIALS_URI))
            .define(ACCOUNT_ID, Type.STRING, null, Validators.optional(Validators.matching(Pattern.compile("\\d+"),
                    "the digits of an Alibaba Cloud account id")), Importance.LOW,
                "Account id sent as x-fc-account-id with fc2, as FC's SDK does; defaults to the first label of"
                    + " fc.endpoint when that is https://<accountId>.<region>.fc.aliyuncs.com.",
                GROUP, order, Width.MEDIUM, "Account id", List.of(),
                Recommenders.visibleWhen(FcSinkConfig.FC2_TARGET));
    }

    /**
     * Shows a credentials setting while the target is FC and fc.credentials.type is one of {@code types}, the
     * types whose provider reads it.
     */
    static ConfigDef.Recommender usedBy(CredentialsType... types) {
        return Recommenders.visibleWhen(FcSinkConfig.FC_TARGET.and(CREDENTIALS_TYPES.when(CREDENTIALS_TYPE, types)));
    }

    /** Settings that the credentials type needs, for the consistency check. */
    static List<String> requiredSettings(CredentialsType type) {
        return switch (type) {
            case ACCESS_KEY -> List.of(FcSinkConfig.ACCESS_KEY_ID, FcSinkConfig.ACCESS_KEY_SECRET);
            case RAM_ROLE_ARN -> List.of(FcSinkConfig.ACCESS_KEY_ID, FcSinkConfig.ACCESS_KEY_SECRET, ROLE_ARN);
            case ECS_RAM_ROLE, OIDC_ROLE_ARN, CREDENTIALS_URI, DEFAULT -> List.of();
        };
    }

    /** The configured credentials type; a deprecated spelling is logged. */
    static CredentialsType parseType(AbstractConfig config) {
        return CREDENTIALS_TYPES.parse(CREDENTIALS_TYPE, config.getString(CREDENTIALS_TYPE));
    }

    static CredentialSettings settings(AbstractConfig config, CredentialsType type, Duration connectTimeout) {
        return new CredentialSettings(type,
            config.getString(FcSinkConfig.ACCESS_KEY_ID), Secrets.value(config, FcSinkConfig.ACCESS_KEY_SECRET),
            Secrets.value(config, FcSinkConfig.SECURITY_TOKEN),
            new CredentialSettings.RoleSettings(config.getString(ROLE_ARN), config.getString(ROLE_SESSION_NAME),
                config.getInt(ROLE_SESSION_SECONDS), config.getString(ROLE_EXTERNAL_ID),
                config.getString(ROLE_POLICY)),
            config.getString(STS_ENDPOINT), config.getString(ECS_ROLE_NAME), config.getString(OIDC_PROVIDER_ARN),
            config.getString(OIDC_TOKEN_FILE), config.getString(CREDENTIALS_URI), connectTimeout, READ_TIMEOUT);
    }

    /** The configured account id, else the one fc.endpoint names; {@code null} if neither. */
    static String accountId(AbstractConfig config, URI endpoint) {
        String configured = config.getString(ACCOUNT_ID);
        if (configured != null) {
            return configured;
        }
        Matcher matcher = ENDPOINT_ACCOUNT.matcher(endpoint.getHost().toLowerCase(Locale.ROOT).replace("-internal",
            ""));
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** The credentials type in a parsed map, for rules across settings; empty while it is invalid. */
    static Optional<CredentialsType> type(Map<String, ?> values) {
        return CREDENTIALS_TYPES.find(values.get(CREDENTIALS_TYPE));
    }
}
