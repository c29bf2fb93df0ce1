package dev.binlogfc.source.canal.precheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Whether Kafka accepts the records the connector may produce: the largest, {@code producer.override.max.request.size}
 * (the producer's 1 MiB default otherwise), must fit the {@code max.message.bytes} of the topics it creates
 * ({@code topic.creation.default.max.message.bytes}, else the broker's {@code message.max.bytes}) and of its topics
 * that exist already. A record that does not fit fails the task at the broker, so each misfit is a warning naming
 * the setting to raise. Asks the brokers of {@code schema.history.internal.kafka.bootstrap.servers}.
 */
public final class MessageSizeChecks {

    public static final String PRODUCER_MAX = "producer.override.max.request.size";
    public static final String TOPIC_CREATION_MAX = "topic.creation.default.max.message.bytes";
    private static final String BOOTSTRAP = "schema.history.internal.kafka.bootstrap.servers";
    private static final long PRODUCER_DEFAULT = 1024 * 1024;
    private static final long TIMEOUT_MS = 10_000;

    private MessageSizeChecks() {
    }

    /** The warnings for the connector config {@code props}; none when it names no brokers. */
    public static List<String> warnings(Map<String, String> props) {
        String bootstrap = props.get(BOOTSTRAP);
        if (bootstrap == null || bootstrap.isBlank()) {
            return List.of();
        }
        long largest = number(props.get(PRODUCER_MAX), PRODUCER_DEFAULT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS))) {
            List<String> warnings = new ArrayList<>();
            checkNewTopics(admin, props, largest, warnings);
            checkExistingTopics(admin, props.getOrDefault("topic.prefix", "") + ".", largest, warnings);
            return warnings;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return List.of("Could not ask Kafka at " + bootstrap + " whether its topics hold records of up to "
                    + largest + " bytes (" + PRODUCER_MAX + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("Interrupted while asking Kafka at " + bootstrap + " for its message size limits");
        }
    }

    private static void checkNewTopics(Admin admin, Map<String, String> props, long largest, List<String> warnings)
            throws ExecutionException, InterruptedException, TimeoutException {
        String topicCreationMax = props.get(TOPIC_CREATION_MAX);
        if (topicCreationMax != null) {
            if (number(topicCreationMax, 0) < largest) {
                warnings.add(TOPIC_CREATION_MAX + " (" + topicCreationMax + ") is less than " + PRODUCER_MAX + " ("
                        + largest + "): the broker rejects the larger records; raise it to at least " + largest);
            }
            return;
        }
        String broker = admin.describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).iterator().next()
                .idString();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
        Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .get(resource);
        long brokerMax = number(config.get("message.max.bytes").value(), 0);
        if (brokerMax < largest) {
            warnings.add("The broker's message.max.bytes (" + brokerMax + ") is less than " + PRODUCER_MAX + " ("
                    + largest + "), and new topics get it: set " + TOPIC_CREATION_MAX + " to at least " + largest
                    + " or raise message.max.bytes");
        }
    }

    private static void checkExistingTopics(Admin admin, String prefix, long largest, List<String> warnings)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConfigResource> topics = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).stream()
                .filter(name -> name.startsWith(prefix)).sorted()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        if (topics.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Collection<String> tooSmall = topics.stream()
                .filter(topic -> number(configs.get(topic).get("max.message.bytes").value(), 0) < largest)
                .map(topic -> topic.name() + " (" + configs.get(topic).get("max.message.bytes").value() + ")")
                .collect(Collectors.toList());
        if (!tooSmall.isEmpty()) {
            warnings.add("These existing topics have max.message.bytes less than " + PRODUCER_MAX + " (" + largest
                    + "), so the broker rejects the larger records: " + String.join(", ", tooSmall)
                    + "; raise it with kafka-configs.sh --alter --entity-type topics --add-config max.message.bytes="
                    + largest);
        }
    }

    private static long number(String text, long otherwise) {
        try {
            return text == null ? otherwise : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
