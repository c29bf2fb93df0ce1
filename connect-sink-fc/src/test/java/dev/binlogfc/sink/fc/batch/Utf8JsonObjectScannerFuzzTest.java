package dev.binlogfc.sink.fc.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Differential, coverage-guided fuzzing of the sink's row scanning against {@link StrictJson} (Jackson's strict
 * parser over strictly decoded UTF-8). For every input: the fast scanner calls valid only what the reference
 * accepts, and lays it out as Jackson does; the row scanner (fast scanner with Jackson behind it) accepts exactly
 * what the reference accepts; and an accepted row comes out of a batch byte for byte as it went in, but for the
 * {@code ts} value the batch sets.
 *
 * <p>Every build runs it: surefire in regression mode over the seeds and the findings in
 * {@code Utf8JsonObjectScannerFuzzTestInputs/} (real Canal records, malformed and overlong UTF-8, surrogates, deep
 * nesting, huge numbers, duplicate keys, control characters, byte order marks), failsafe with {@code JAZZER_FUZZ=1}
 * for a short fuzzing run; the {@code fuzz} profile fuzzes for longer (README, BENCHMARKS.md).
 */
class Utf8JsonObjectScannerFuzzTest {

    /** The factory of the sink task's ObjectMapper, with Jackson's default read constraints. */
    private static final JsonFactory FACTORY = new ObjectMapper().getFactory();
    private static final long DELIVERY_MILLIS = 1_767_225_600_123L;
    private static final byte[] TS = Long.toString(DELIVERY_MILLIS).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREFIX = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

    private final Utf8JsonObjectScanner fast = new Utf8JsonObjectScanner(FACTORY.streamReadConstraints());
    private final JsonRow.Scanner rows = new JsonRow.Scanner(FACTORY);
    private final BatchBuilder batches = new BatchBuilder();

    @FuzzTest(maxDuration = "10s")
    void rowScanningAgreesWithStrictJackson(byte[] text) throws IOException {
        String shown = new String(text, StandardCharsets.ISO_8859_1);
        boolean valid = StrictJson.isOneObject(text, FACTORY);

        RowLayout fastLayout = new RowLayout();
        int verdict = fast.scan(text, fastLayout);
        if (verdict == Utf8JsonObjectScanner.VALID) {
            assertThat(valid).as("the fast scanner called valid what strict Jackson rejects: %s", shown).isTrue();
            assertThat(fastLayout.toString()).as(shown)
                .isEqualTo(JsonRow.scanWithJackson(text, FACTORY).toString());
        } else if (verdict == Utf8JsonObjectScanner.BAD_UTF8) {
            assertThat(StrictJson.strictUtf8(text)).as("the fast scanner called UTF-8 not UTF-8: %s", shown).isNull();
        }

        JsonRow row;
        try {
            row = rows.scan(text);
        } catch (JsonProcessingException | JsonRow.NotAnObjectException e) {
            // The rejections RecordValueReader turns into a DataException for the dead-letter queue; any other
            // exception would fail the task whatever errors.tolerance says, so it fails the fuzz test too.
            assertThat(valid).as("the sink rejected (%s) what strict Jackson accepts: %s", e.getMessage(), shown)
                .isFalse();
            return;
        }
        assertThat(valid).as("the sink accepted what strict Jackson rejects: %s", shown).isTrue();
        assertBatchCarriesRowUnchanged(text, row);
    }

    /** Two copies of the row in one batch: each is the row as it came, with only the value of ts set or added. */
    private void assertBatchCarriesRowUnchanged(byte[] text, JsonRow row) throws IOException {
        byte[] expected = withTs(text, JsonRow.scanWithJackson(text, FACTORY));
        assertThat(row.size(TS.length)).isEqualTo(expected.length);
        SinkRecord record = new SinkRecord("fuzz", 0, null, null, null, text, 7);
        PendingRecord pending = PendingRecord.withRow(record, row, expected.length, 0);

        Batch batch = batches.build(List.of(pending, pending), new BatchLimits(2, Integer.MAX_VALUE), DELIVERY_MILLIS);

        byte[] body = concat(PREFIX, expected, new byte[] {','}, expected, SUFFIX);
        assertThat(batch.body()).isEqualTo(body);
        assertThat(StrictJson.isOneObject(body, FACTORY)).as("the batch is one JSON object").isTrue();
        RowLayout sent = JsonRow.scanWithJackson(expected, FACTORY);
        assertThat(Arrays.copyOfRange(expected, sent.tsStart, sent.tsEnd)).isEqualTo(TS);
    }

    /** The row with the ts value Jackson finds replaced by {@link #TS}, or with ts appended when it has none. */
    private static byte[] withTs(byte[] text, RowLayout reference) {
        if (reference.tsStart == RowLayout.NO_TS) {
            byte[] member = ((reference.empty ? "" : ",") + "\"ts\":").getBytes(StandardCharsets.US_ASCII);
            return concat(Arrays.copyOfRange(text, 0, reference.closingBrace), member, TS,
                Arrays.copyOfRange(text, reference.closingBrace, text.length));
        }
        return concat(Arrays.copyOfRange(text, 0, reference.tsStart), TS,
            Arrays.copyOfRange(text, reference.tsEnd, text.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
