package dev.binlogfc.examples.packaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the Canal records the source would write for {@link EtlChain}'s sample table and changes (with {@code sex}
 * already masked), for runtimes where the source cannot run but the sink can.
 */
final class CanalRowsProducer {

    private static final List<String[]> ROWS = List.of(new String[] {"INIT", "xiaoming", "10", null},
            new String[] {"INIT", "xiaohong", "12", null}, new String[] {"UPDATE", "xiaoming", "11", "10"},
            new String[] {"UPDATE", "xiaohong", "13", "12"});

    private CanalRowsProducer() {
    }

    static void send(String bootstrapServers, String topic, String database)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            long id = 1;
            for (String[] row : ROWS) {
                String key = "{\"name\":\"" + row[1] + "\"}";
                producer.send(new ProducerRecord<>(topic, key, canalJson(id++, database, row))).get();
            }
        }
    }

    private static String canalJson(long id, String database, String[] row) {
        String old = row[3] == null ? "null" : "[{\"age\":\"" + row[3] + "\"}]";
        return "{\"id\":" + id + ",\"database\":\"" + database + "\",\"table\":\"demoTable\",\"pkNames\":[\"name\"],"
                + "\"isDdl\":false,\"type\":\"" + row[0] + "\",\"es\":1700000000000,\"ts\":1700000000000,\"sql\":\"\","
                + "\"sqlType\":{\"name\":12,\"sex\":12,\"age\":4},"
                + "\"mysqlType\":{\"name\":\"varchar(20)\",\"sex\":\"varchar(10)\",\"age\":\"int\"},"
                + "\"data\":[{\"name\":\"" + row[1] + "\",\"sex\":\"-\",\"age\":\"" + row[2] + "\"}],\"old\":" + old + "}";
    }
}
