package dev.binlogfc.sink.fc.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordPreparerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_767_225_600_000L;

    private static PendingRecord prepare(int maxBytes, long offset, Object value) {
        return new RecordPreparer(JSON, maxBytes).prepare(new SinkRecord("topic", 0, null, "key", null, value, offset),
            NOW, 5);
    }

    /** The row as a batch writes it, with {@code ts} set to {@link #NOW}. */
    private static String text(PendingRecord prepared) {
        byte[] out = new byte[prepared.jsonBytes()];
        assertThat(prepared.row().writeTo(out, 0, Long.toString(NOW).getBytes(StandardCharsets.US_ASCII)))
            .isEqualTo(out.length);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheRowMeasuresItWithTsAndLeavesTheRecordUnchanged() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", 1);
        value.put("ts", 1L);
        value.put("type", "INIT");

        PendingRecord prepared = prepare(10_000, 3, value);

        assertThat(text(prepared)).isEqualTo("{\"id\":1,\"ts\":" + NOW + ",\"type\":\"INIT\"}");
        assertThat(prepared.jsonBytes()).isEqualTo(text(prepared).length());
        assertThat(prepared.initial()).isTrue();
        assertThat(prepared.acceptedAtNanos()).isEqualTo(5);
        assertThat(value.get("ts")).as("the record itself is not changed").isEqualTo(1L);
    }

    @Test
    void addsTsWhenTheValueHasNone() {
        PendingRecord prepared = prepare(10_000, 0, Map.of("id", 1));

        assertThat(text(prepared)).isEqualTo("{\"id\":1,\"ts\":" + NOW + "}");
        assertThat(prepared.jsonBytes()).isEqualTo(text(prepared).length());
        assertThat(text(prepare(10_000, 0, " { } "))).isEqualTo(" { \"ts\":" + NOW + "} ");
    }

    @Test
    void aKeyInBytesIsShownAsTextWhenTheRecordIsTooLarge() {
        byte[] value = "{\"table\":\"orders\",\"data\":\"xxxxxxxxxxxxxxxxxxxx\"}".getBytes(StandardCharsets.UTF_8);
        SinkRecord record = new SinkRecord("topic", 0, null, "{\"id\":7}".getBytes(StandardCharsets.UTF_8), null,
            value, 3);

        assertThatThrownBy(() -> new RecordPreparer(JSON, 30).prepare(record, NOW, 5))
            .isInstanceOf(DataException.class).hasMessageContaining("(table .orders, key {\"id\":7})");
    }

    @Test
    void aTombstoneHasNoRow() {
        PendingRecord tombstone = prepare(10_000, 4, null);

        assertThat(tombstone.hasRow()).isFalse();
        assertThat(tombstone.offset()).isEqualTo(4);
    }

    @Test
    void acceptsARowThatExactlyFillsABatchAndRejectsOneByteMore() {
        Map<String, Object> value = Map.of("data", "x".repeat(100));
        int size = prepare(10_000, 0, value).jsonBytes();
        int wrapper = "{\"Records\":[]}".length();

        assertThat(prepare(size + wrapper, 0, value).jsonBytes()).isEqualTo(size);
        assertThatThrownBy(() -> prepare(size + wrapper - 1, 9, value)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/9 (table ., key key) is " + size + " bytes as JSON")
            .hasMessageContaining("batch of at most " + (size + wrapper - 1) + " bytes (batch.max.bytes)");
    }

    @Test
    void readsStringValuesHoldingJsonObjects() {
        assertThat(text(prepare(10_000, 0, "{\"id\":5,\"data\":[{\"a\":null}]}")))
            .isEqualTo("{\"id\":5,\"data\":[{\"a\":null}],\"ts\":" + NOW + "}");
    }

    @Test
    void rejectsStringsThatAreNotJsonObjects() {
        assertThatThrownBy(() -> prepare(10_000, 3, "[1,2]")).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/3 has a String value holding JSON array, not exactly one JSON object");
        assertThatThrownBy(() -> prepare(10_000, 5, "{\"a\":1} {\"b\":2}")).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/5 has a String value holding a JSON object followed by more JSON ({), not exactly");
        assertThatThrownBy(() -> prepare(10_000, 4, "not json")).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/4 has a String value that is not JSON");
    }

    @Test
    void rejectsBytesThatAreNotUtf8SayingWhere() {
        byte[] utf16 = "{\"id\":1}".getBytes(StandardCharsets.UTF_16LE);
        byte[] withByteOrderMark = "\uFEFF{\"id\":1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> prepare(10_000, 6, utf16)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/6 has a byte[] value that is not JSON (the byte at offset 1 is not"
                + " UTF-8 JSON text");
        assertThatThrownBy(() -> prepare(10_000, 7, withByteOrderMark)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/7 has a byte[] value that is not JSON (the byte at offset 0 is not"
                + " UTF-8 JSON text");
    }

    /**
     * Bytes Jackson takes for UTF-32 (NUL bytes first) and then fails on with a CharConversionException, which is no
     * JsonProcessingException: the task failed with "Reading JSON from memory failed" instead of rejecting the
     * record, even with a dead-letter queue. Found by the adversarial values of AdversarialRecordValuesOnConnectTest.
     */
    @Test
    void rejectsBytesJacksonWouldReadAsBrokenUtf32() {
        byte[] brokenUtf32 = {0, 0, 0, '{', 0x7F, 0x7F, 0x7F, 0x7F, 0, 0, 0, '}'};

        assertThatThrownBy(() -> prepare(10_000, 8, brokenUtf32)).isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/8 has a byte[] value that is not JSON (the byte at offset 0 is not"
                + " UTF-8 JSON text: a NUL byte, as in UTF-16 or UTF-32 text");
    }

    @Test
    void rejectsStructsSayingHowToConfigureTheConverter() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();

        assertThatThrownBy(() -> prepare(10_000, 8, new Struct(schema).put("id", 1L)))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("Record topic/0/8 has a value of type org.apache.kafka.connect.data.Struct")
            .hasMessageContaining("value.converter.schemas.enable=false");
    }
}
