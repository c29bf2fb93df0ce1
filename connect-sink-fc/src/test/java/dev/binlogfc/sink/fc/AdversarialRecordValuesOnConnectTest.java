package dev.binlogfc.sink.fc;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.sink.fc.batch.StrictJson;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adversarial record values on a real Connect worker, read with the converters of the shipped sink config
 * ({@code examples/connectors/sink-fc.json}): text that is not JSON, JSON that is not one object, cut records,
 * other encodings, bytes that are not UTF-8, raw control characters, nesting and numbers beyond the reader's limits, a
 * record larger than batch.max.bytes, a tombstone and seeded random bytes, between valid Canal rows and valid rows at
 * the edges of JSON. With a dead-letter queue each bad value lands there once, with a reason that names what is wrong
 * and how to fix it, and the function receives only valid batches that carry the valid rows byte for byte; without
 * one, a bad value fails the task, naming the record and the reason.
 */
@Tag("integration")
class AdversarialRecordValuesOnConnectTest extends OnConnectWorker {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(AdversarialRecordValuesOnConnectTest.class);
    private static final String DEAD_LETTER_TOPIC = "fc-sink-adversarial-dlq";
    private static final int BATCH_MAX_BYTES = 16 * 1024;
    /** How the reason for a value that is not one JSON object in UTF-8 says to fix it. */
    private static final String FIX_THE_VALUE = "the FC sink needs each value to be";
    /** Jackson's strict parser, which also rejects duplicate names (RFC 8259: names SHOULD be unique). */
    private static final JsonFactory STRICT = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonFactory STRICT_BUT_DUPLICATE_NAMES = new JsonFactory();
    private static final int VALID_ROWS_AROUND_A_BAD_ONE = 5;
    private static final Map<String, String> OTHER_CONVERTERS = Map.of(
        "StringConverter", "org.apache.kafka.connect.storage.StringConverter",
        "JsonConverter", "org.apache.kafka.connect.json.JsonConverter");
    /** The values each converter makes null; the sink skips a null value as a tombstone. */
    private static final Map<String, Set<String>> NULL_VALUES = Map.of(
        "StringConverter", Set.of("tombstone"),
        "JsonConverter", Set.of("tombstone", "0 bytes", "only whitespace", "JSON null"));

    /**
     * A value produced to the topic: one the sink delivers as it is but for the ts it sets ({@code reason} null), one
     * it rejects with a reason containing {@code reason} and {@code fix}, or a tombstone ({@code bytes} null) that it
     * skips.
     */
    private record Value(String name, byte[] bytes, String reason, String fix) {

        static Value delivered(String name, String json) {
            return new Value(name, utf8(json), null, null);
        }

        static Value rejected(String name, byte[] bytes, String reason) {
            return new Value(name, bytes, reason, FIX_THE_VALUE);
        }

        boolean isDelivered() {
            return bytes != null && reason == null;
        }

        boolean isRejected() {
            return reason != null;
        }
    }

    @BeforeEach
    void forgetEarlierBatches() {
        fc.clearReceived();
    }

    @Test
    void deadLettersEachBadValueOnceNamingWhatIsWrongAndSendsOnlyValidBatchesOfTheValidRows() throws Exception {
        String topic = "shop.adversarial";
        String connector = "fc-sink-adversarial";
        List<Value> values = betweenCanalRows(adversarialValues());

        sinkEverything(topic, values, connector, OnConnect.withDeadLetterQueue(shippedSinkConfig(topic),
            DEAD_LETTER_TOPIC));

        assertValidBatchesCarrying(values.stream().filter(Value::isDelivered).toList());
        assertDeadLetters(topic, values);
        LOG.info("{} values: {} rows delivered in {} batches, {} dead letters", values.size(),
            values.stream().filter(Value::isDelivered).count(), fc.receivedBatches().size(),
            values.stream().filter(Value::isRejected).count());
    }

    /**
     * The sink also reads values converted by StringConverter (a String) and by JsonConverter without schemas (a Map).
     * Those converters decide some values before the sink sees them: StringConverter replaces bytes that are not UTF-8
     * with U+FFFD, so Latin-1, overlong forms and surrogates arrive altered; JsonConverter reads a byte order mark,
     * UTF-16, UTF-32 and overlong forms, keeps the first of two values, makes 0 bytes, whitespace and JSON null a null
     * value (a tombstone to the sink) and fails on what it cannot parse, which Connect dead-letters. Only the shipped
     * ByteArrayConverter lets the sink see every byte. This checks what holds whatever the converter decides: each
     * value is delivered or dead-lettered, once; the Canal rows all arrive, in order; and every batch is valid.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"StringConverter", "JsonConverter"})
    void withTheOtherConvertersEachValueIsDeliveredOrDeadLetteredAndEveryBatchIsValid(String converter)
        throws Exception {
        String topic = "shop.converted." + converter;
        String connector = "fc-sink-" + converter;
        String deadLetterTopic = DEAD_LETTER_TOPIC + "-" + converter;
        List<Value> values = betweenCanalRows(adversarialValues());
        Map<String, String> config = OnConnect.withDeadLetterQueue(shippedSinkConfig(topic), deadLetterTopic);
        config.put("value.converter", OTHER_CONVERTERS.get(converter));
        config.put("value.converter.schemas.enable", "false");

        sinkEverything(topic, values, connector, config);

        List<JsonNode> received = new ArrayList<>();
        for (ReceivedBatch batch : fc.receivedBatches()) {
            assertThat(StrictJson.isOneObject(batch.rawBody(), STRICT_BUT_DUPLICATE_NAMES))
                .as("request %s is one JSON object", batch.requestId()).isTrue();
            assertThat(batch.body().properties()).extracting(Map.Entry::getKey).containsExactly("Records");
            assertThat(batch.records()).allMatch(JsonNode::isObject);
            received.addAll(batch.records());
        }
        long deadLetterCount = OnConnect.endOffsets(stack, List.of(new TopicPartition(deadLetterTopic, 0)))
            .values().iterator().next();
        List<Long> deadOffsets = stack.topics().consumeBytes(deadLetterTopic, (int) deadLetterCount, TIMEOUT)
            .stream().map(deadLetter -> Long.valueOf(header(deadLetter, "offset"))).toList();
        assertThat(deadOffsets).as("dead letters").hasSize((int) deadLetterCount).doesNotHaveDuplicates();
        LOG.info("With {}, dead-lettered: {}", converter, deadOffsets.stream().filter(offset -> offset % 2 == 1)
            .map(offset -> values.get(offset.intValue()).name()).toList());
        Set<String> nulls = NULL_VALUES.get(converter);
        assertThat(deadOffsets).as("null values are tombstones, neither delivered nor dead-lettered")
            .noneMatch(offset -> nulls.contains(values.get(offset.intValue()).name()));
        assertThat(received.size() + deadOffsets.size() + nulls.size()).as("each other value delivered or"
            + " dead-lettered").isEqualTo(values.size());
        List<Integer> canalRowOffsets = IntStream.range(0, values.size()).filter(offset -> offset % 2 == 0).boxed()
            .toList();
        assertThat(received.stream().map(row -> row.path("id").asInt()).filter(id -> id >= 0))
            .as("the Canal rows, in order").containsExactlyElementsOf(canalRowOffsets);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16LE", "cut after 12 bytes", "JSON array", "larger than batch.max.bytes",
        "bytes Jackson reads as broken UTF-32"})
    void withoutToleranceABadValueFailsTheTaskNamingTheRecordAndTheReason(String name) throws Exception {
        Value bad = adversarialValues().stream().filter(value -> value.name().equals(name)).findFirst().orElseThrow();
        String topic = "shop.strict." + name.replaceAll("[^A-Za-z0-9]+", "-");
        String connector = "fc-sink-" + topic.replace('.', '-');
        List<Value> before = IntStream.range(0, VALID_ROWS_AROUND_A_BAD_ONE)
            .mapToObj(AdversarialRecordValuesOnConnectTest::canalRow).toList();
        List<Value> after = new ArrayList<>(List.of(bad));
        IntStream.range(0, VALID_ROWS_AROUND_A_BAD_ONE)
            .forEach(offset -> after.add(canalRow(VALID_ROWS_AROUND_A_BAD_ONE + 1 + offset)));
        stack.topics().create(topic, 1);
        produce(topic, before, 0);
        stack.rest().createOrUpdate(connector, shippedSinkConfig(topic));
        fc.awaitRecords(before.size(), TIMEOUT);
        produce(topic, after, before.size());

        SinkTaskHarness.await(() -> "FAILED".equals(taskState(connector)), "the task to fail", TIMEOUT);

        assertThat(trace(connector)).contains("Record " + topic + "/0/" + before.size() + " ", bad.reason(),
            bad.fix());
        assertThat(fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asInt())).as("the rows before the bad value, and nothing after it")
            .containsExactlyElementsOf(IntStream.range(0, before.size()).boxed().toList());
        assertThat(OnConnect.committed(stack, connector).getOrDefault(new TopicPartition(topic, 0), 0L))
            .isLessThanOrEqualTo(before.size());
    }

    /** The values, each after a Canal row: the rows are at the even offsets, the values at the odd ones. */
    private static List<Value> betweenCanalRows(List<Value> values) {
        List<Value> interleaved = new ArrayList<>();
        for (Value value : values) {
            interleaved.add(canalRow(interleaved.size()));
            interleaved.add(value);
        }
        return interleaved;
    }

    /** Produces the values to a new topic and sinks them with {@code config} until every offset is committed. */
    private static void sinkEverything(String topic, List<Value> values, String connector, Map<String, String> config)
        throws Exception {
        stack.topics().create(topic, 1);
        produce(topic, values, 0);
        stack.rest().createOrUpdate(connector, config);

        Map<TopicPartition, Long> everything = Map.of(new TopicPartition(topic, 0), (long) values.size());
        SinkTaskHarness.await(() -> "FAILED".equals(taskState(connector))
            || OnConnect.committed(stack, connector).equals(everything), "every offset committed", TIMEOUT);
        assertThat(taskState(connector)).as("the task, failed with %s", trace(connector)).isEqualTo("RUNNING");
        assertThat(OnConnect.committed(stack, connector)).isEqualTo(everything);
    }

    /** The stack trace of the connector's failed task, from Connect's REST status. */
    private static String trace(String connector) {
        return stack.rest().status(connector).path("tasks").path(0).path("trace").asText();
    }

    /** A Canal row as the source connector writes it, with its offset as its id. */
    private static Value canalRow(int offset) {
        try {
            return Value.delivered("Canal row " + offset, OnConnect.row(0, 0, offset, "row " + offset));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a Canal row", e);
        }
    }

    /**
     * A Canal row with {@code data} as its one row, written by hand so that it can hold what Jackson would not write.
     */
    private static String handWrittenRow(String data) {
        return "{\"id\":-1,\"database\":\"shop\",\"table\":\"orders\",\"type\":\"INSERT\",\"es\":1767225600000,"
            + "\"ts\":0,\"data\":[" + data + "],\"isDdl\":false}";
    }

    /** A hand-written row whose note holds {@code raw} as it is, and the offset of {@code raw} in it. */
    private static byte[] rowWithRawNote(byte... raw) {
        String[] around = handWrittenRow("{\"note\":\"#\"}").split("#");
        return concat(utf8(around[0]), raw, utf8(around[1]));
    }

    private static int rawNoteOffset() {
        return handWrittenRow("{\"note\":\"#\"}").indexOf('#');
    }

    /** The bad values, each with what its reason must say, and valid values at the edges of JSON. */
    private static List<Value> adversarialValues() {
        String row = handWrittenRow("{\"note\":\"caf\u00e9\"}");
        byte[] rowBytes = utf8(row);
        int note = rawNoteOffset();
        List<Value> values = new ArrayList<>(List.of(
            Value.rejected("plain text", utf8("hello, function"), "not JSON (Unrecognized token 'hello'"),
            Value.rejected("XML", utf8("<row id=\"1\"/>"), "not JSON (Unexpected character ('<' (code 60))"),
            Value.rejected("JSON array", utf8("[" + row + "]"), "holding JSON array, not exactly one JSON object"),
            Value.rejected("JSON string", utf8("\"" + row.replace("\"", "\\\"") + "\""), "holding JSON string"),
            Value.rejected("JSON number", utf8("42"), "holding JSON number"),
            Value.rejected("JSON null", utf8("null"), "holding JSON null"),
            Value.rejected("two rows in one value", utf8(row + row), "holding a JSON object followed by more JSON"),
            Value.rejected("0 bytes", new byte[0], "holding nothing"),
            Value.rejected("only whitespace", utf8(" \t\r\n"), "holding nothing"),
            Value.rejected("cut inside a character", Arrays.copyOf(rowBytes, row.indexOf('\u00e9') + 1),
                notUtf8(row.indexOf('\u00e9'), "0xC3 does not start a valid UTF-8 sequence")),
            Value.rejected("byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, rowBytes),
                notUtf8(0, "a UTF-8 byte order mark")),
            Value.rejected("UTF-16LE", row.getBytes(StandardCharsets.UTF_16LE), notUtf8(1, "a NUL byte")),
            Value.rejected("UTF-16BE", row.getBytes(StandardCharsets.UTF_16BE), notUtf8(0, "a NUL byte")),
            Value.rejected("UTF-16 with its byte order mark", row.getBytes(StandardCharsets.UTF_16),
                notUtf8(0, "0xFE does not start")),
            Value.rejected("UTF-32LE", row.getBytes(Charset.forName("UTF-32LE")), notUtf8(1, "a NUL byte")),
            Value.rejected("bytes Jackson reads as broken UTF-32", new byte[] {0, 0, 0, '{', 0x7F, 0x7F, 0x7F, 0x7F,
                0, 0, 0, '}'}, notUtf8(0, "a NUL byte")),
            Value.rejected("Latin-1", row.getBytes(StandardCharsets.ISO_8859_1),
                notUtf8(row.indexOf('\u00e9'), "0xE9 does not start a valid UTF-8 sequence, as in Latin-1")),
            Value.rejected("overlong '/'", rowWithRawNote((byte) 0xC0, (byte) 0xAF), notUtf8(note, "0xC0")),
            Value.rejected("overlong three-byte '/'", rowWithRawNote((byte) 0xE0, (byte) 0x80, (byte) 0xAF),
                notUtf8(note, "0xE0")),
            Value.rejected("lone surrogate", rowWithRawNote((byte) 0xED, (byte) 0xA0, (byte) 0x80),
                notUtf8(note, "0xED")),
            Value.rejected("surrogate pair in CESU-8", rowWithRawNote((byte) 0xED, (byte) 0xA0, (byte) 0xBD,
                (byte) 0xED, (byte) 0xB8, (byte) 0x80), notUtf8(note, "0xED")),
            Value.rejected("beyond U+10FFFF", rowWithRawNote((byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80),
                notUtf8(note, "0xF4")),
            Value.rejected("raw NUL in a string", rowWithRawNote((byte) 'a', (byte) 0, (byte) 'b'),
                notUtf8(note + 1, "a NUL byte")),
            Value.rejected("raw unit separator in a string", rowWithRawNote((byte) 0x1F),
                "Illegal unquoted character ((CTRL-CHAR, code 31))"),
            Value.rejected("raw line feed in a string", rowWithRawNote((byte) '\n'),
                "Illegal unquoted character ((CTRL-CHAR, code 10))"),
            Value.rejected("10,000 '['", utf8("[".repeat(10_000)), "holding JSON array"),
            Value.rejected("a row nested 10,000 deep", utf8(handWrittenRow("[".repeat(10_000) + "]".repeat(10_000))),
                "Document nesting depth (1001) exceeds the maximum allowed (1000"),
            Value.rejected("a 5000-digit number", utf8(handWrittenRow("{\"amount\":" + "9".repeat(5000) + "}")),
                "Number value length (5000) exceeds the maximum allowed (1000"),
            new Value("larger than batch.max.bytes", utf8(handWrittenRow("{\"note\":\"" + "x".repeat(BATCH_MAX_BYTES)
                + "\"}")), "bytes a batch of at most " + BATCH_MAX_BYTES + " bytes (batch.max.bytes) can carry",
                "raise batch.max.bytes"),
            new Value("tombstone", null, null, null),
            Value.delivered("escaped control characters and quotes",
                handWrittenRow("{\"note\":\"\\u0000\\u001f\\n\\t\\\"\\\\\\/\"}")),
            Value.delivered("escaped and raw characters beyond the BMP",
                handWrittenRow("{\"note\":\"\\ud83d\\ude00 \ud83d\ude00 \u00e9 \u4e2d\"}")),
            Value.delivered("escaped top-level name", handWrittenRow("{}").replace("\"table\"", "\"t\\u0061ble\"")),
            Value.delivered("a 999-digit number", handWrittenRow("{\"amount\":" + "9".repeat(999)
                + ",\"rate\":-0.5E-7}")),
            Value.delivered("duplicate names, ts among them", handWrittenRow("{\"note\":\"a\",\"note\":\"b\"}")
                .replace("\"isDdl\":false}", "\"isDdl\":false,\"ts\":0}")),
            Value.delivered("whitespace around every token", " {\n\t\"id\" : -1 ,\r\n \"ts\" : 0 , \"data\" : [ ] }\n")
        ));
        for (int cut : new int[] {1, 12, row.indexOf("orders") + 3, rowBytes.length - 1}) {
            values.add(Value.rejected("cut after " + cut + " bytes", Arrays.copyOf(rowBytes, cut),
                "that ends inside its JSON, after " + cut + " bytes: it was cut short"));
        }
        Random random = new Random(26);
        for (int k = 0; k < 4; k++) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            values.add(Value.rejected("random bytes " + k, bytes, ""));
        }
        return values;
    }

    private static String notUtf8(int offset, String found) {
        return "the byte at offset " + offset + " is not UTF-8 JSON text: " + found;
    }

    /** The sink reading {@code topic} into the local function, with the shipped config's converters; small batches. */
    private static Map<String, String> shippedSinkConfig(String topic) throws Exception {
        JsonNode shipped = JSON.readTree(Path.of("..", "examples", "connectors", "sink-fc.json").toFile())
            .path("config");
        Map<String, String> config = OnConnect.sinkConfig(fc, topic);
        config.remove("value.converter.schemas.enable");
        config.put("key.converter", shipped.path("key.converter").asText());
        config.put("value.converter", shipped.path("value.converter").asText());
        config.put("batch.max.bytes", Integer.toString(BATCH_MAX_BYTES));
        // Several batches, so that bad values fall between and within them.
        config.put("batch.max.records", "7");
        return config;
    }

    /** Appends the values to the topic's one partition from {@code firstOffset}, keyed key-offset; checked. */
    private static void produce(String topic, List<Value> values, int firstOffset) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int k = 0; k < values.size(); k++) {
                producer.send(new ProducerRecord<>(topic, 0, utf8("key-" + (firstOffset + k)), values.get(k).bytes()));
            }
            producer.flush();
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        assertThat(OnConnect.endOffsets(stack, List.of(partition))).as("the values produced")
            .containsEntry(partition, (long) firstOffset + values.size());
    }

    /**
     * Every body the function received is one JSON object in strict UTF-8, {"Records":[...]}, and together they carry
     * {@code rows} in order, each byte for byte as produced but for the value of its last top-level ts, which the sink
     * sets. A body holding the row with duplicate names is read allowing them (RFC 8259 and the sink accept them), any
     * other also rejecting them.
     */
    private static void assertValidBatchesCarrying(List<Value> rows) {
        int next = 0;
        for (ReceivedBatch batch : fc.receivedBatches()) {
            byte[] body = batch.rawBody();
            int count = batch.recordCount();
            assertThat(next + count).as("rows received").isLessThanOrEqualTo(rows.size());
            List<Value> carried = rows.subList(next, next + count);
            JsonFactory reader = carried.stream().allMatch(row -> StrictJson.isOneObject(row.bytes(), STRICT))
                ? STRICT : STRICT_BUT_DUPLICATE_NAMES;
            assertThat(StrictJson.isOneObject(body, reader)).as("request %s is one JSON object", batch.requestId())
                .isTrue();
            assertThat(new String(body, StandardCharsets.ISO_8859_1)).as("request %s", batch.requestId())
                .matches(batchOf(carried));
            next += count;
        }
        assertThat(next).as("rows received").isEqualTo(rows.size());
    }

    private static Pattern batchOf(List<Value> rows) {
        return Pattern.compile(Pattern.quote("{\"Records\":[") + rows.stream()
            .map(AdversarialRecordValuesOnConnectTest::withAnyTs).collect(joining(",")) + Pattern.quote("]}"));
    }

    /** The row's bytes, one character each, with the 0 of its last top-level ts standing for any epoch ms. */
    private static String withAnyTs(Value row) {
        String text = new String(row.bytes(), StandardCharsets.ISO_8859_1);
        int ts = text.indexOf('0', text.lastIndexOf("\"ts\""));
        return Pattern.quote(text.substring(0, ts)) + "\\d{13}" + Pattern.quote(text.substring(ts + 1));
    }

    /** Each rejected value once in the dead-letter topic, in offset order, as produced and with its reason. */
    private static void assertDeadLetters(String topic, List<Value> values) throws Exception {
        Map<Long, Value> rejected = new TreeMap<>();
        for (int offset = 0; offset < values.size(); offset++) {
            if (values.get(offset).isRejected()) {
                rejected.put((long) offset, values.get(offset));
            }
        }
        assertThat(OnConnect.endOffsets(stack, List.of(new TopicPartition(DEAD_LETTER_TOPIC, 0))).values())
            .as("one dead letter per bad value").containsExactly((long) rejected.size());
        List<ConsumerRecord<byte[], byte[]>> deadLetters = stack.topics().consumeBytes(DEAD_LETTER_TOPIC,
            rejected.size(), TIMEOUT);
        assertThat(deadLetters).extracting(deadLetter -> Long.valueOf(header(deadLetter, "offset")))
            .containsExactlyElementsOf(rejected.keySet());
        assertThat(deadLetters).allSatisfy(deadLetter -> {
            long offset = Long.parseLong(header(deadLetter, "offset"));
            Value value = rejected.get(offset);
            assertThat(deadLetter.value()).as(value.name()).isEqualTo(value.bytes());
            assertThat(header(deadLetter, "topic")).isEqualTo(topic);
            assertThat(header(deadLetter, "exception.class.name")).isEqualTo(DataException.class.getName());
            assertThat(header(deadLetter, "exception.message")).as(value.name())
                .startsWith("Record " + topic + "/0/" + offset + " ").contains(value.reason(), value.fix());
        });
    }

    /** Connect's error-context header {@code __connect.errors.<name>}. */
    private static String header(ConsumerRecord<byte[], byte[]> deadLetter, String name) {
        return OnConnect.header(deadLetter, "__connect.errors." + name);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
