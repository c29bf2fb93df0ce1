package dev.binlogfc.sink.fc.auth;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.AlibabaCloudCredentialsProvider;
import com.aliyun.credentials.provider.DefaultCredentialsProvider;
import com.aliyun.credentials.provider.EcsRamRoleCredentialProvider;
import com.aliyun.credentials.provider.OIDCRoleArnCredentialProvider;
import com.aliyun.credentials.provider.RamRoleArnCredentialProvider;
import com.aliyun.credentials.provider.StaticCredentialsProvider;
import com.aliyun.credentials.provider.URLCredentialProvider;
import com.aliyun.credentials.utils.AuthConstant;

/**
 * Builds the provider of Alibaba Cloud's credentials library (com.aliyun:credentials-java) that the settings name.
 * The library fetches, caches and renews temporary credentials itself: before they expire (15 minutes ahead), and
 * anew in every provider built, which is how the sink renews them after FC rejected them.
 */
final class AlibabaProviders {

    private AlibabaProviders() {
    }

    static AlibabaCloudCredentialsProvider create(CredentialSettings settings) {
        int connectMillis = (int) settings.connectTimeout().toMillis();
        int readMillis = (int) settings.readTimeout().toMillis();
        return switch (settings.type()) {
            case ACCESS_KEY -> StaticCredentialsProvider.builder().credential(CredentialModel.builder()
                .accessKeyId(settings.accessKeyId())
                .accessKeySecret(settings.accessKeySecret())
                .securityToken(settings.securityToken())
                .type(settings.securityToken() == null ? AuthConstant.ACCESS_KEY : AuthConstant.STS)
                .build()).build();
            case RAM_ROLE_ARN -> RamRoleArnCredentialProvider.builder()
                .accessKeyId(settings.accessKeyId())
                .accessKeySecret(settings.accessKeySecret())
                .securityToken(settings.securityToken())
                .roleArn(settings.role().arn())
                .roleSessionName(settings.role().sessionName())
                .durationSeconds(settings.role().sessionSeconds())
                .externalId(settings.role().externalId())
                .policy(settings.role().policy())
                .STSEndpoint(settings.stsEndpoint())
                .connectionTimeout(connectMillis)
                .readTimeout(readMillis)
                .build();
            case OIDC_ROLE_ARN -> OIDCRoleArnCredentialProvider.builder()
                .roleArn(settings.role().arn())
                .roleSessionName(settings.role().sessionName())
                .durationSeconds(settings.role().sessionSeconds())
                .policy(settings.role().policy())
                .oidcProviderArn(settings.oidcProviderArn())
                .oidcTokenFilePath(settings.oidcTokenFile())
                .STSEndpoint(settings.stsEndpoint())
                .connectionTimeout(connectMillis)
                .readTimeout(readMillis)
                .build();
            case ECS_RAM_ROLE -> EcsRamRoleCredentialProvider.builder()
                .roleName(settings.ecsRoleName())
                .connectionTimeout(connectMillis)
                .readTimeout(readMillis)
                .build();
            case CREDENTIALS_URI -> URLCredentialProvider.builder()
                .credentialsURI(settings.credentialsUri())
                .connectionTimeout(connectMillis)
                .readTimeout(readMillis)
                .build();
            case DEFAULT -> DefaultCredentialsProvider.builder().build();
        };
    }
}
