package dev.binlogfc.source.canal.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectJsonTextTest {

    private final ConnectJsonText text = new ConnectJsonText();

    @AfterEach
    void close() {
        text.close();
    }

    static Stream<Arguments> keys() {
        Schema plain = SchemaBuilder.struct().name("shop.orders.Key")
                .field("i8", Schema.INT8_SCHEMA).field("i16", Schema.INT16_SCHEMA).field("i32", Schema.INT32_SCHEMA)
                .field("i64", Schema.INT64_SCHEMA).field("name", Schema.STRING_SCHEMA)
                .field("flag", Schema.BOOLEAN_SCHEMA).build();
        Schema withDefault = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .field("city", SchemaBuilder.string().optional().defaultValue("Hangzhou").build()).build();
        Schema logical = SchemaBuilder.struct().field("amount", Decimal.schema(2)).field("day", Date.SCHEMA)
                .field("raw", Schema.BYTES_SCHEMA).field("score", Schema.FLOAT64_SCHEMA).build();
        Schema nested = SchemaBuilder.struct().field("inner", SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .build()).build();
        return Stream.of(
                Arguments.of("integers, text and boolean", plain, new Struct(plain).put("i8", (byte) -128)
                        .put("i16", Short.MAX_VALUE).put("i32", Integer.MIN_VALUE).put("i64", Long.MAX_VALUE)
                        .put("name", "quote \" backslash \\ tab \t nul \u0000 中文 emoji \uD83D\uDE00").put("flag", true)),
                Arguments.of("a null where the schema has a default", withDefault,
                        new Struct(withDefault).put("id", 7).put("city", null)),
                Arguments.of("logical types, bytes and doubles", logical, new Struct(logical)
                        .put("amount", new BigDecimal("12.30")).put("day", new java.util.Date(86_400_000L))
                        .put("raw", new byte[]{ 1, 2, (byte) 0xFF }).put("score", 0.1 + 0.2)),
                Arguments.of("a nested struct", nested, new Struct(nested)
                        .put("inner", new Struct(nested.field("inner").schema()).put("id", 1))),
                Arguments.of("a string", Schema.STRING_SCHEMA, "already text"),
                Arguments.of("a schemaless map", null, Map.of("id", 1)),
                Arguments.of("a list", SchemaBuilder.array(Schema.INT32_SCHEMA).build(), List.of(1, 2)),
                Arguments.of("null", Schema.OPTIONAL_STRING_SCHEMA, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void writesWhatJsonConverterWrites(String name, Schema schema, Object value) {
        assertThat(text.of(schema, value)).isEqualTo(jsonConverterText(schema, value));
    }

    @Test
    void writesEachKeyAloneWhenOneInstanceWritesThemInTurn() {
        List<Arguments> all = keys().toList();
        for (int pass = 0; pass < 2; pass++) {
            for (Arguments key : all) {
                Schema schema = (Schema) key.get()[1];
                Object value = key.get()[2];
                assertThat(text.of(schema, value)).as((String) key.get()[0]).isEqualTo(jsonConverterText(schema, value));
            }
        }
    }

    @Test
    void aStructWithoutItsSchemaOnTheRecordIsWrittenByItsOwnSchema() {
        Schema schema = SchemaBuilder.struct().field("amount", Decimal.schema(2)).build();
        Struct key = new Struct(schema).put("amount", new BigDecimal("1.50"));

        assertThat(text.of(null, key)).isEqualTo(jsonConverterText(schema, key));
    }

    private static String jsonConverterText(Schema schema, Object value) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", false), true);
            byte[] json = converter.fromConnectData("topic", schema, value);
            return json == null ? null : new String(json, StandardCharsets.UTF_8);
        }
    }
}
