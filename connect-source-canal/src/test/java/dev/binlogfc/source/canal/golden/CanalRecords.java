package dev.binlogfc.source.canal.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.binlogfc.teststack.connect.ConnectStack;

/** Reads Canal JSON records back from a topic of the real stack. */
final class CanalRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanalRecords() {
    }

    /** The first {@code count} records of the topic, parsed; fails when fewer arrive within {@code timeout}. */
    static List<JsonNode> read(ConnectStack stack, String topic, int count, Duration timeout)
            throws JsonProcessingException {
        List<ConsumerRecord<String, String>> consumed = stack.topics().consumeStrings(topic, count, timeout);
        assertThat(consumed).as("records on %s", topic).hasSize(count);
        List<JsonNode> records = new ArrayList<>();
        for (ConsumerRecord<String, String> record : consumed) {
            records.add(JSON.readTree(record.value()));
        }
        return records;
    }
}
