package dev.binlogfc.teststack.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Creates topics and reads them from the beginning, with the public Kafka clients only. */
public final class KafkaTopics {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;

    public KafkaTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Creates a topic with replication factor 1 (the stack has one broker) and returns once every partition has a
     * leader: a producer sending at once could otherwise meet NOT_LEADER_OR_FOLLOWER, after which Kafka's idempotent
     * producer can stay stuck retrying with out-of-order sequence numbers.
     */
    public void create(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            awaitLeaders(admin, topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + topic + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    private static void awaitLeaders(Admin admin, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        while (!everyPartitionHasALeader(admin, topic)) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("partitions of " + topic + " still without a leader");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static boolean everyPartitionHasALeader(Admin admin, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                // The broker answering has not applied the new topic's metadata yet.
                return false;
            }
            throw e;
        }
    }

    /**
     * Reads the topic from the earliest offset with String keys and values (tombstones have a null value).
     *
     * @return the first {@code count} records in per-partition order, or fewer if {@code timeout} passes first;
     *     a topic that does not exist yet is waited for until the timeout
     */
    public List<ConsumerRecord<String, String>> consumeStrings(String topic, int count, Duration timeout) {
        return consume(topic, count, timeout, new StringDeserializer(), new StringDeserializer());
    }

    /** As {@link #consumeStrings}, with the raw bytes of keys and values. */
    public List<ConsumerRecord<byte[], byte[]>> consumeBytes(String topic, int count, Duration timeout) {
        return consume(topic, count, timeout, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private <K, V> List<ConsumerRecord<K, V>> consume(String topic, int count, Duration timeout,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        Instant deadline = Instant.now().plus(timeout);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        // No consumer group: records are read by assignment, so nothing is committed and no rebalance is awaited.
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Reading must not create the topic, or a test would not notice that nothing wrote to it.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keyDeserializer, valueDeserializer)) {
            Optional<List<TopicPartition>> partitions = awaitPartitions(consumer, topic, deadline);
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions.get());
            consumer.seekToBeginning(partitions.get());
            while (records.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(POLL_INTERVAL).forEach(records::add);
            }
        }
        return records.size() > count ? new ArrayList<>(records.subList(0, count)) : records;
    }

    private static Optional<List<TopicPartition>> awaitPartitions(KafkaConsumer<?, ?> consumer, String topic,
            Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, POLL_INTERVAL);
                if (!infos.isEmpty()) {
                    return Optional.of(infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList());
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // Metadata not answered within one poll interval: ask again until the deadline.
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic " + topic, e);
            }
        }
        return Optional.empty();
    }
}
