package dev.binlogfc.sink.fc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.teststack.fc.RecordRejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the function rejects, in a real Connect worker with a real dead-letter topic: poison records among
 * thousands isolated into it and replayed with the README's config once the function is fixed, partial answers,
 * and a task that fails naming the record without errors.tolerance.
 */
@Tag("integration")
class RejectedRecordsOnConnectTest extends OnConnectWorker {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RejectedRecordsOnConnectTest.class);
    private static final String DEAD_LETTER_TOPIC = "fc-sink-dlq";


    @AfterEach
    void fixTheFunction() {
        fc.faults().clear();
    }

    /** The ids in {@code [base, base + 100000)} in the batches the function took, in order of receipt. */
    private static List<Integer> receivedIds(int base) {
        return fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asInt()).filter(id -> id >= base && id < base + 100_000).toList();
    }

    private static List<Integer> receivedIds(int base, int partition) {
        int first = base + partition * 1000;
        return receivedIds(base).stream().filter(id -> id >= first && id < first + 1000).toList();
    }

    private static Predicate<JsonNode> inRange(int base, Predicate<Integer> offsetCondition) {
        return record -> {
            int id = record.path("id").asInt();
            return id >= base && id < base + 100_000 && offsetCondition.test(id % 1000);
        };
    }

    private static Map<TopicPartition, Long> allAt(String topic, int partitions, long offset) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            offsets.put(new TopicPartition(topic, partition), offset);
        }
        return offsets;
    }

    @Test
    void isolatesPoisonRecordsAmongThousandsAndReplaysThemWithTheReadmeConfigOnceTheFunctionIsFixed()
        throws Exception {
        String topic = "shop.poison";
        int base = 100_000;
        int partitions = 3;
        int perPartition = 1000;
        Predicate<Integer> poisonOffset = offset -> offset % 97 == 13;
        stack.topics().create(topic, partitions);
        OnConnect.produce(stack, topic, partitions, base, 0, perPartition);
        fc.faults().rejectRecords(inRange(base, poisonOffset), Integer.MAX_VALUE,
            RecordRejection.Answer.FUNCTION_ERROR, 0);
        Map<String, String> config = OnConnect.withDeadLetterQueue(OnConnect.sinkConfig(fc, topic),
            DEAD_LETTER_TOPIC);
        config.put("max.concurrent.invocations", "3");
        config.put("retry.max.attempts", "2");
        config.put("retry.backoff.initial.ms", "50");
        config.put("retry.backoff.max.ms", "100");
        long started = System.nanoTime();
        stack.rest().createOrUpdate("fc-sink-poison", config);

        OnConnect.awaitCommitted(stack, "fc-sink-poison", allAt(topic, partitions, perPartition), TIMEOUT);
        LOG.info("{} records with {} poison ones delivered and committed in {} ms", partitions * perPartition,
            partitions * (perPartition / 97 + 1), (System.nanoTime() - started) / 1_000_000);

        List<Integer> poisonIds = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            int first = base + partition * 1000;
            List<Integer> expected = IntStream.range(0, perPartition).filter(offset -> !poisonOffset.test(offset))
                .map(offset -> first + offset).boxed().toList();
            assertThat(receivedIds(base, partition)).as("partition %d: every other record once, in offset order",
                partition).containsExactlyElementsOf(expected);
            IntStream.range(0, perPartition).filter(poisonOffset::test)
                .forEach(offset -> poisonIds.add(first + offset));
        }
        Map<TopicPartition, Long> deadLetterEnds = OnConnect.endOffsets(stack,
            List.of(new TopicPartition(DEAD_LETTER_TOPIC, 0)));
        assertThat(deadLetterEnds.values()).as("exactly the poison records in the dead-letter topic")
            .containsExactly((long) poisonIds.size());
        List<ConsumerRecord<String, String>> deadLetters = stack.topics().consumeStrings(DEAD_LETTER_TOPIC,
            poisonIds.size(), TIMEOUT);
        assertThat(deadLetters).extracting(record -> JSON.readTree(record.value()).path("id").asInt())
            .containsExactlyInAnyOrderElementsOf(poisonIds);
        assertThat(deadLetters).allSatisfy(record -> {
            int id = JSON.readTree(record.value()).path("id").asInt();
            assertThat(OnConnect.header(record, "fc.canal.id")).isEqualTo(Integer.toString(id));
            assertThat(OnConnect.header(record, "fc.error.cause")).isEqualTo("function-error");
            assertThat(OnConnect.header(record, "fc.error.status")).isEqualTo("200");
            assertThat(OnConnect.header(record, "fc.error.type")).isEqualTo("UnhandledInvocationError");
            assertThat(OnConnect.header(record, "fc.error.request.id")).isNotBlank();
            assertThat(OnConnect.header(record, "fc.error.body")).contains("the function rejects record [" + id + "]");
            assertThat(OnConnect.header(record, "__connect.errors.exception.message")).contains("Record " + topic + "/",
                "id " + id + ") was rejected by FC function");
        });
        assertThat(stack.rest().status("fc-sink-poison").path("tasks").get(0).path("state").asText())
            .isEqualTo("RUNNING");

        fc.faults().clear();
        Map<String, String> replay = readmeReplayConfig();
        replay.putAll(OnConnect.functionSettings(fc));
        stack.rest().createOrUpdate("fc-sink-dlq-replay", replay);
        SinkTaskHarness.await(() -> receivedIds(base).size() == partitions * perPartition,
            "the replayed dead letters", TIMEOUT);
        assertThat(receivedIds(base)).containsExactlyInAnyOrderElementsOf(IntStream.range(0, partitions)
            .flatMap(partition -> IntStream.range(base + partition * 1000, base + partition * 1000 + perPartition))
            .boxed().toList());
        OnConnect.awaitCommitted(stack, "fc-sink-dlq-replay", deadLetterEnds, TIMEOUT);
    }

    /** The replay connector's config as the README shows it, between its markers. */
    private static Map<String, String> readmeReplayConfig() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("<!-- dlq-replay:start -->"),
            readme.indexOf("<!-- dlq-replay:end -->"));
        String json = section.substring(section.indexOf('{'), section.lastIndexOf('}') + 1);
        Map<String, String> config = new HashMap<>();
        JSON.readTree(json).properties().forEach(entry -> config.put(entry.getKey(), entry.getValue().asText()));
        assertThat(config).containsEntry("topics", DEAD_LETTER_TOPIC).containsEntry("errors.tolerance", "none");
        return config;
    }

    @Test
    void resendsOnlyTheFailedSuffixOfPartialAnswers() throws Exception {
        String topic = "shop.partial";
        int base = 200_000;
        stack.topics().create(topic, 2);
        OnConnect.produce(stack, topic, 2, base, 0, 500);
        fc.faults().rejectRecords(inRange(base, offset -> offset % 50 == 25), 1,
            RecordRejection.Answer.BATCH_ITEM_FAILURES, 0);
        Map<String, String> config = OnConnect.sinkConfig(fc, topic);
        config.put("report.batch.item.failures", "true");
        config.put("retry.backoff.initial.ms", "50");
        config.put("retry.backoff.max.ms", "100");
        stack.rest().createOrUpdate("fc-sink-partial", config);

        OnConnect.awaitCommitted(stack, "fc-sink-partial", allAt(topic, 2, 500), TIMEOUT);

        for (int partition = 0; partition < 2; partition++) {
            int first = base + partition * 1000;
            assertThat(receivedIds(base, partition)).as("partition %d: each record once, in order: the records"
                + " before a failed one were never sent again", partition)
                .containsExactlyElementsOf(IntStream.range(first, first + 500).boxed().toList());
        }
        long partlyRejected = fc.rejectedBatches().stream().filter(batch -> batch.records().stream()
            .anyMatch(record -> record.path("id").asInt() / 100_000 == base / 100_000)).count();
        assertThat(partlyRejected).as("answers naming failed items").isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutErrorToleranceTheTaskFailsNamingTheRecordAndTheAnswer() throws Exception {
        String topic = "shop.strict";
        int base = 300_000;
        stack.topics().create(topic, 1);
        OnConnect.produce(stack, topic, 1, base, 0, 20);
        fc.faults().rejectRecords(inRange(base, offset -> offset == 12), Integer.MAX_VALUE,
            RecordRejection.Answer.FUNCTION_ERROR, 0);
        Map<String, String> config = OnConnect.sinkConfig(fc, topic);
        config.put("retry.max.attempts", "2");
        config.put("retry.backoff.initial.ms", "50");
        config.put("retry.backoff.max.ms", "100");
        stack.rest().createOrUpdate("fc-sink-strict", config);

        SinkTaskHarness.await(() -> "FAILED".equals(taskState("fc-sink-strict")), "the task to fail", TIMEOUT);

        String trace = stack.rest().status("fc-sink-strict").path("tasks").get(0).path("trace").asText();
        assertThat(trace).contains("Record " + topic + "/0/12 (table shop.orders, key key-12, id " + (base + 12)
            + ") was rejected", "retry.max.attempts=2", "function error UnhandledInvocationError, RecordRejected");
        assertThat(receivedIds(base)).containsExactlyElementsOf(IntStream.range(base, base + 12).boxed().toList());
        OnConnect.awaitCommitted(stack, "fc-sink-strict", allAt(topic, 1, 12), TIMEOUT);
    }
}
