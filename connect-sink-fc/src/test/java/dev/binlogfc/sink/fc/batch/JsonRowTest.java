package dev.binlogfc.sink.fc.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonRowTest {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String TS = "1767225600123";

    private static JsonRow scan(String json) throws IOException {
        return new JsonRow.Scanner(FACTORY).scan(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String withTs(String json) throws IOException {
        JsonRow row = scan(json);
        byte[] out = new byte[row.size(TS.length())];
        assertThat(row.writeTo(out, 0, TS.getBytes(StandardCharsets.US_ASCII))).as("size of " + json)
            .isEqualTo(out.length);
        return new String(out, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":1,\"ts\":1690000000000,\"type\":\"INSERT\"}|{\"id\":1,\"ts\":" + TS + ",\"type\":\"INSERT\"}",
        "{ \"ts\" : 5 }|{ \"ts\" : " + TS + " }",
        "{\"ts\":\"x\\\"}y\",\"c\":[1,{\"ts\":2}]}|{\"ts\":" + TS + ",\"c\":[1,{\"ts\":2}]}",
        "{\"ts\":{\"q\":[1,2]},\"z\":true}|{\"ts\":" + TS + ",\"z\":true}",
        "{\"é\":\"ü€\",\"ts\":-1.5e3}|{\"é\":\"ü€\",\"ts\":" + TS + "}",
        "{\"ts\":null}|{\"ts\":" + TS + "}",
        "{\"a\":{\"ts\":1}}|{\"a\":{\"ts\":1},\"ts\":" + TS + "}",
        "{}|{\"ts\":" + TS + "}",
    })
    void setsTheTopLevelTsAndKeepsEverythingElseByteForByte(String json, String expected) throws IOException {
        assertThat(withTs(json)).isEqualTo(expected);
        new ObjectMapper().readTree(expected);
    }

    @Test
    void keepsWhitespaceAroundTheObject() throws IOException {
        assertThat(withTs("\t{\"a\":1}\n")).isEqualTo("\t{\"a\":1,\"ts\":" + TS + "}\n");
    }

    @Test
    void replacesTheLastOfDuplicateTsFieldsWhichJsonReadersKeep() throws IOException {
        String spliced = withTs("{\"ts\":1,\"ts\":2}");

        assertThat(spliced).isEqualTo("{\"ts\":1,\"ts\":" + TS + "}");
        assertThat(new ObjectMapper().readTree(spliced).get("ts").asText()).isEqualTo(TS);
    }

    @Test
    void keepsTheFieldsTheSinkReads() throws IOException {
        JsonRow row = scan("{\"id\":9,\"database\":\"shop\",\"table\":\"orders\",\"type\":\"INIT\",\"es\":1690000000000,"
            + "\"data\":[{\"type\":\"x\",\"es\":1}]}");

        assertThat(row.type()).isEqualTo("INIT");
        assertThat(row.sourceTimeMillis()).isEqualTo(1_690_000_000_000L);
        assertThat(row.database()).isEqualTo("shop");
        assertThat(row.table()).isEqualTo("orders");
    }

    @Test
    void fieldsOfAnotherShapeReadAsAbsent() throws IOException {
        JsonRow row = scan("{\"type\":1,\"es\":\"soon\",\"database\":null,\"table\":[\"t\"]}");

        assertThat(row.type()).isNull();
        assertThat(row.sourceTimeMillis()).isEqualTo(-1);
        assertThat(row.database()).isEmpty();
        assertThat(row.table()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1,2]|JSON array", "\"text\"|JSON string", "12|JSON number", "null|JSON null", "true|JSON boolean",
        "''|nothing", "{} []|a JSON object followed by more JSON (array)",
    })
    void rejectsTextThatIsNotExactlyOneObject(String json, String found) {
        assertThatThrownBy(() -> scan(json)).isInstanceOf(JsonRow.NotAnObjectException.class).hasMessage(found);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1", "{\"a\":1,}", "{\"a\":tru}", "{a:1}", "{\"a\":\"unterminated}", "{\"a\":[1,2}"})
    void rejectsTextThatIsNotJson(String json) {
        assertThatThrownBy(() -> scan(json)).isInstanceOf(JsonParseException.class);
    }
}
