package dev.binlogfc.sink.fc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.credentials.utils.AuthUtils;
import dev.binlogfc.sink.fc.config.FcSinkConfig;
import dev.binlogfc.sink.fc.invoke.CallCanceller;
import dev.binlogfc.sink.fc.invoke.FcInvoker;
import dev.binlogfc.sink.fc.invoke.FcResponse;
import dev.binlogfc.sink.fc.net.TestCertificates;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each credential source of Alibaba Cloud's credentials library, resolved from the connector's settings, against
 * stand-ins on 127.0.0.1 for STS, the ECS metadata service and a credentials URI: the sink's requests must carry
 * the credentials the source issued, and the local FC endpoint, which accepts only those, must take the batch.
 */
class CredentialSourcesTest {

    private static final byte[] BATCH = "{\"Records\":[{\"id\":1}]}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private FcLocalEndpoint fc;
    private LocalCredentialIssuer issuer;
    private JvmNetworkSettings jvm;

    @BeforeEach
    void startEndpoint() throws IOException {
        // The AccessKey the endpoint starts with is the RAM user's that assumes roles; issued ones are added.
        fc = FcLocalEndpoint.builder().service("svc").function("fn").accessKey("user-key", "user-secret").start();
        jvm = new JvmNetworkSettings();
    }

    @AfterEach
    void stop() {
        if (issuer != null) {
            issuer.close();
        }
        fc.close();
        jvm.close();
        AuthUtils.setEnvironmentAccessKeyId(null);
        AuthUtils.setEnvironmentAccessKeySecret(null);
        AuthUtils.setEnvironmentSecurityToken(null);
        AuthUtils.setEnvironmentCredentialsFile(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fc2", "fc3"})
    void staticAccessKey(String targetType) throws Exception {
        assertDelivered(settings(targetType, "access-key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fc2", "fc3"})
    void accessKeyWithStsToken(String targetType) throws Exception {
        fc.grant("STS.static", "static-secret", "static-token");
        Map<String, String> settings = settings(targetType, "access-key");
        settings.put("fc.access.key.id", "STS.static");
        settings.put("fc.access.key.secret", "static-secret");
        settings.put("fc.security.token", "static-token");
        assertDelivered(settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fc2", "fc3"})
    void ramRoleArnAssumedAtTheConfiguredStsEndpoint(String targetType) throws Exception {
        startStsOverHttps();
        Map<String, String> settings = settings(targetType, "ram-role-arn");
        settings.put("fc.role.arn", "acs:ram::123:role/binlog-fc");
        settings.put("fc.role.session.name", "binlog-fc-test");
        settings.put("fc.sts.endpoint", issuer.hostAndPort());

        assertDelivered(settings);

        assertThat(issuer.stsCalls()).hasSize(1);
        assertThat(issuer.stsCalls().get(0)).containsEntry("Action", "AssumeRole")
            .containsEntry("RoleArn", "acs:ram::123:role/binlog-fc").containsEntry("AccessKeyId", "user-key")
            .containsEntry("RoleSessionName", "binlog-fc-test").containsKey("Signature");
    }

    @Test
    void oidcRoleArnWithTheTokenFileOfRrsa() throws Exception {
        startStsOverHttps();
        Path token = Files.writeString(dir.resolve("oidc-token"), "service-account-jwt");
        Map<String, String> settings = settings("fc3", "oidc-role-arn");
        settings.put("fc.role.arn", "acs:ram::123:role/rrsa");
        settings.put("fc.oidc.provider.arn", "acs:ram::123:oidc-provider/ack-rrsa");
        settings.put("fc.oidc.token.file", token.toString());
        settings.put("fc.sts.endpoint", issuer.hostAndPort());

        assertDelivered(settings);

        assertThat(issuer.stsCalls()).singleElement().satisfies(call -> assertThat(call)
            .containsEntry("Action", "AssumeRoleWithOIDC").containsEntry("OIDCToken", "service-account-jwt")
            .containsEntry("OIDCProviderArn", "acs:ram::123:oidc-provider/ack-rrsa")
            .containsEntry("RoleArn", "acs:ram::123:role/rrsa"));
    }

    @Test
    void credentialsUri() throws Exception {
        issuer = new LocalCredentialIssuer(fc, Duration.ofMinutes(5), null);
        Map<String, String> settings = settings("fc2", "credentials-uri");
        settings.put("fc.credentials.uri", "http://127.0.0.1:" + issuer.port() + "/credentials");

        assertDelivered(settings);
        assertThat(issuer.issuedCount()).isEqualTo(1);
    }

    @Test
    void ecsRamRoleFromTheMetadataService() throws Exception {
        issuer = new LocalCredentialIssuer(fc, Duration.ofMinutes(5), null);
        jvm.routeMetadataServiceTo(issuer.port());

        assertDelivered(settings("fc3", "ecs-ram-role"));
        assertThat(issuer.issuedCount()).isEqualTo(1);
    }

    @Test
    void defaultChainReadsTheEnvironmentVariables() throws Exception {
        fc.grant("env-key", "env-secret", "env-token");
        AuthUtils.setEnvironmentAccessKeyId("env-key");
        AuthUtils.setEnvironmentAccessKeySecret("env-secret");
        AuthUtils.setEnvironmentSecurityToken("env-token");

        assertDelivered(settings("fc2", "default"));
    }

    @Test
    void defaultChainReadsTheProfileFile() throws Exception {
        fc.grant("profile-key", "profile-secret", null);
        Path profile = Files.writeString(dir.resolve("credentials"), "[default]\nenable = true\ntype = access_key\n"
            + "access_key_id = profile-key\naccess_key_secret = profile-secret\n");
        AuthUtils.setEnvironmentCredentialsFile(profile.toString());
        AuthUtils.disableCLIProfile(true);
        AuthUtils.disableECSMetaData(true);
        try {
            assertDelivered(settings("fc3", "default"));
        } finally {
            AuthUtils.disableCLIProfile(false);
            AuthUtils.disableECSMetaData(false);
        }
    }

    @Test
    void anUnreachableSourceFailsTheCallLikeAnUnreachableTarget() throws Exception {
        Map<String, String> settings = settings("fc2", "credentials-uri");
        settings.put("fc.credentials.uri", "http://127.0.0.1:1/credentials");
        FcSinkConfig config = new FcSinkConfig(settings);
        try (FcInvoker invoker = new FcInvoker(config.target(), config.transport(Duration.ofSeconds(5), 1))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> invoker.invoke(BATCH, new CallCanceller()))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot obtain credentials");
        }
        assertThat(fc.receivedBatches()).isEmpty();
    }

    private void startStsOverHttps() throws Exception {
        TestCertificates certificates = new TestCertificates("sts test CA");
        issuer = new LocalCredentialIssuer(fc, Duration.ofMinutes(5), TestCertificates.serverContext(
            certificates.issue("127.0.0.1", KeyPurposeId.id_kp_serverAuth, "127.0.0.1"), null));
        jvm.trustOnly(TestCertificates.write(certificates.trustStore(), dir.resolve("jvm-trust.p12")),
            TestCertificates.PASSWORD);
    }

    private Map<String, String> settings(String targetType, String credentialsType) {
        Map<String, String> settings = new HashMap<>();
        settings.put("target.type", targetType);
        settings.put("fc.endpoint", fc.url());
        settings.put("fc.service.name", fc.serviceName());
        settings.put("fc.function.name", fc.functionName());
        settings.put("fc.credentials.type", credentialsType);
        settings.put("fc.access.key.id", "user-key");
        settings.put("fc.access.key.secret", "user-secret");
        return settings;
    }

    private void assertDelivered(Map<String, String> settings) throws Exception {
        FcSinkConfig config = new FcSinkConfig(settings);
        FcResponse answer;
        try (FcInvoker invoker = new FcInvoker(config.target(), config.transport(Duration.ofSeconds(5), 1))) {
            answer = invoker.invoke(BATCH, new CallCanceller());
        }
        assertThat(answer.status()).as(answer.describe()).isEqualTo(200);
        assertThat(fc.receivedBatches()).hasSize(1);
    }
}
