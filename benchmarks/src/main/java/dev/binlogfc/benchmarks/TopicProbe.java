package dev.binlogfc.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of Debezium change events (JSON, schemas disabled) from the beginning, receipt time being when the
 * poll returned. Fields are found by text search rather than a JSON parse: the reader shares the CPU with the
 * pipeline it measures and must cost as little as possible.
 */
final class TopicProbe implements Probe {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Thread reader;
    private volatile Delivery delivery = (id, version, snapshot, receiptMillis) -> { };

    TopicProbe(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000),
                new StringDeserializer(), new StringDeserializer());
        this.reader = new Thread(this::readUntilClosed, "topic-probe");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void deliverTo(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void reset() {
        // Every version is new in each load, so what was read before cannot be counted again.
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readUntilClosed() {
        try {
            awaitAssignment();
            while (true) {
                var records = consumer.poll(POLL);
                long receipt = System.currentTimeMillis();
                for (ConsumerRecord<String, String> record : records) {
                    if (record.value() != null) {
                        report(record.value(), receipt);
                    }
                }
            }
        } catch (WakeupException e) {
            consumer.close();
        }
    }

    private void awaitAssignment() {
        while (true) {
            List<TopicPartition> partitions;
            try {
                partitions = consumer.listTopics(POLL).containsKey(topic)
                        ? consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
                                .toList()
                        : List.of();
            } catch (TimeoutException e) {
                // A busy broker (a loaded machine, connectors starting) can take longer than a poll to answer.
                partitions = List.of();
            }
            if (!partitions.isEmpty()) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                return;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
    }

    private void report(String event, long receipt) {
        int after = event.indexOf("\"after\":{");
        if (after < 0) {
            return;
        }
        long id = numberAfter(event, "\"id\":", after);
        long version = numberAfter(event, "\"version\":", after);
        int op = event.indexOf("\"op\":\"");
        delivery.received(id, version, op >= 0 && event.charAt(op + 6) == 'r', receipt);
    }

    private static long numberAfter(String text, String label, int from) {
        int start = text.indexOf(label, from) + label.length();
        long value = 0;
        for (int i = start; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
