package dev.binlogfc.sink.fc.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** What Connect's validation shows of the sink's settings: only those that apply to the chosen target and modes. */
class FcSinkConfigVisibilityTest {

    private static final List<String> HTTP_KEYS = List.of("http.url", "http.headers", "http.bearer.token",
        "http.batch.failure.statuses", "http.secret.headers");
    private static final List<String> FC_KEYS = List.of("fc.endpoint", "fc.function.name", "fc.qualifier",
        "fc.invocation.type", "fc.access.key.id", "fc.access.key.secret", "fc.security.token", "fc.credentials.type");
    /** Settings of every target: the network and delivery ones. */
    private static final List<String> SHARED_KEYS = List.of("target.type", "http.connect.timeout.ms",
        "http.proxy.host", "http.ssl.truststore.type", "batch.max.records", "delivery.order");

    private static Map<String, ConfigValue> validated(String... settings) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return FcSinkConfig.CONFIG_DEF.validate(props).stream()
            .collect(Collectors.toMap(ConfigValue::name, value -> value));
    }

    private static List<String> visible(Map<String, ConfigValue> values, List<String> keys) {
        return keys.stream().filter(key -> values.get(key).visible()).toList();
    }

    @Test
    void anHttpTargetShowsTheHttpSettingsAndHidesTheFunctionComputeOnes() {
        Map<String, ConfigValue> values = validated("target.type", "http");

        assertThat(visible(values, HTTP_KEYS)).isEqualTo(HTTP_KEYS);
        assertThat(visible(values, FC_KEYS)).isEmpty();
        assertThat(visible(values, List.of("fc.service.name", "fc.account.id", "fc.role.arn"))).isEmpty();
        assertThat(visible(values, SHARED_KEYS)).isEqualTo(SHARED_KEYS);
    }

    @Test
    void functionComputeTargetsShowTheirSettingsAndHideTheHttpOnes() {
        for (String target : List.of("fc2", "fc3")) {
            Map<String, ConfigValue> values = validated("target.type", target);

            assertThat(visible(values, FC_KEYS)).isEqualTo(FC_KEYS);
            assertThat(visible(values, HTTP_KEYS)).isEmpty();
            assertThat(visible(values, SHARED_KEYS)).isEqualTo(SHARED_KEYS);
        }
        assertThat(visible(validated(), List.of("fc.service.name", "fc.account.id")))
            .containsExactly("fc.service.name", "fc.account.id");
        assertThat(visible(validated("target.type", "fc3"), List.of("fc.service.name", "fc.account.id"))).isEmpty();
    }

    @Test
    void theCredentialsTypeShowsOnlyTheSettingsItsProviderReads() {
        List<String> credentialKeys = List.of("fc.access.key.id", "fc.security.token", "fc.role.arn",
            "fc.role.external.id", "fc.ecs.role.name", "fc.oidc.token.file", "fc.credentials.uri");

        assertThat(visible(validated(), credentialKeys)).containsExactly("fc.access.key.id", "fc.security.token");
        assertThat(visible(validated("fc.credentials.type", "ram-role-arn"), credentialKeys))
            .containsExactly("fc.access.key.id", "fc.role.arn", "fc.role.external.id");
        assertThat(visible(validated("fc.credentials.type", "oidc-role-arn"), credentialKeys))
            .containsExactly("fc.role.arn", "fc.oidc.token.file");
        assertThat(visible(validated("fc.credentials.type", "ecs_ram_role"), credentialKeys))
            .containsExactly("fc.ecs.role.name");
        assertThat(visible(validated("fc.credentials.type", "default"), credentialKeys)).isEmpty();
    }

    @Test
    void inFlightBatchesPerPartitionShowOnlyUnderKeyOrder() {
        String key = "max.in.flight.batches.per.partition";

        assertThat(validated().get(key).visible()).isFalse();
        assertThat(validated("delivery.order", "partition").get(key).visible()).isFalse();
        assertThat(validated("delivery.order", "key").get(key).visible()).isTrue();
    }

    @Test
    void enumSettingsRecommendTheirCanonicalValuesAndDependOnWhatTheyDecide() {
        Map<String, ConfigValue> values = validated();

        assertThat(values.get("target.type").recommendedValues()).containsExactly("fc2", "fc3", "http");
        assertThat(values.get("fc.invocation.type").recommendedValues()).containsExactly("sync", "async");
        assertThat(values.get("delivery.order").recommendedValues()).containsExactly("partition", "key");
        assertThat(values.get("fc.credentials.type").recommendedValues()).containsExactly("access-key",
            "ram-role-arn", "ecs-ram-role", "oidc-role-arn", "credentials-uri", "default");
        assertThat(values.get("http.ssl.keystore.type").recommendedValues()).containsExactly("pkcs12", "jks");
        assertThat(FcSinkConfig.CONFIG_DEF.configKeys().get("target.type").dependents)
            .containsAll(HTTP_KEYS).containsAll(FC_KEYS).contains("fc.service.name", "fc.account.id");
        assertThat(FcSinkConfig.CONFIG_DEF.configKeys().get("delivery.order").dependents)
            .containsExactly("max.in.flight.batches.per.partition");
    }

    @Test
    void anInvalidTargetTypeHidesNothing() {
        Map<String, ConfigValue> values = validated("target.type", "lambda");

        assertThat(values.get("target.type").errorMessages()).singleElement().asString()
            .contains("fc2, fc3, http");
        assertThat(visible(values, HTTP_KEYS)).isEqualTo(HTTP_KEYS);
        assertThat(visible(values, FC_KEYS)).isEqualTo(FC_KEYS);
    }
}
