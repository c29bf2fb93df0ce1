package dev.binlogfc.source.canal.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.binlogfc.teststack.connect.ConnectStack;

/** Against a real broker with Kafka's default message.max.bytes (about 1 MiB), as most brokers run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MessageSizeChecksTest {

    private static final String TWENTY_MIB = "20971520";

    private ConnectStack kafka;

    @BeforeAll
    void startBroker() throws Exception {
        kafka = ConnectStack.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("shop.db.small", Optional.of(1), Optional.empty())
                            .configs(Map.of("max.message.bytes", "2000000")),
                    new NewTopic("shop.db.large", Optional.of(1), Optional.empty())
                            .configs(Map.of("max.message.bytes", TWENTY_MIB)))).all().get();
        }
    }

    @AfterAll
    void stopBroker() {
        kafka.close();
    }

    @Test
    void warnsWhenNewTopicsGetABrokerLimitBelowTheProducersAndNamesExistingTopicsThatAreTooSmall() {
        List<String> warnings = MessageSizeChecks.warnings(config(Map.of(MessageSizeChecks.PRODUCER_MAX, TWENTY_MIB)));

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("The broker's message.max.bytes (", "less than "
                + MessageSizeChecks.PRODUCER_MAX + " (20971520)", MessageSizeChecks.TOPIC_CREATION_MAX);
        assertThat(warnings.get(1)).contains("shop.db.small (2000000)").doesNotContain("shop.db.large");
    }

    @Test
    void theShippedLimitsPassForNewTopicsAndATopicCreationLimitBelowTheProducersIsNamed() {
        Map<String, String> shipped = Map.of(MessageSizeChecks.PRODUCER_MAX, TWENTY_MIB,
                MessageSizeChecks.TOPIC_CREATION_MAX, TWENTY_MIB, "topic.prefix", "fresh");
        Map<String, String> tooSmall = Map.of(MessageSizeChecks.PRODUCER_MAX, TWENTY_MIB,
                MessageSizeChecks.TOPIC_CREATION_MAX, "1048576", "topic.prefix", "fresh");

        assertThat(MessageSizeChecks.warnings(config(shipped))).isEmpty();
        assertThat(MessageSizeChecks.warnings(config(tooSmall))).singleElement().asString()
                .startsWith(MessageSizeChecks.TOPIC_CREATION_MAX + " (1048576) is less than");
    }

    @Test
    void kafkasDefaultsFitEachOther() {
        assertThat(MessageSizeChecks.warnings(config(Map.of("topic.prefix", "fresh")))).isEmpty();
    }

    private Map<String, String> config(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(Map.of("topic.prefix", "shop",
                "schema.history.internal.kafka.bootstrap.servers", kafka.bootstrapServers()));
        config.putAll(settings);
        return config;
    }
}
