package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import org.junit.jupiter.api.Test;

class JsonTextBufferTest {

    private final JsonTextBuffer text = new JsonTextBuffer(new JsonFactory());

    @Test
    void writesEachTextAloneWithoutASeparator() {
        assertThat(text.write(generator -> generator.writeNumber(1))).isEqualTo("1");
        assertThat(text.write(generator -> {
            generator.writeStartObject();
            generator.writeStringField("a", "b");
            generator.writeEndObject();
        })).isEqualTo("{\"a\":\"b\"}");
        assertThat(text.write(generator -> generator.writeString("x"))).isEqualTo("\"x\"");
    }

    @Test
    void startsAfreshAfterATextThatFailedHalfWay() {
        assertThatThrownBy(() -> text.write(generator -> {
            generator.writeStartObject();
            generator.writeFieldName("half");
            throw new IllegalStateException("renderer failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("renderer failed");

        assertThat(text.write(generator -> {
            generator.writeStartArray();
            generator.writeEndArray();
        })).isEqualTo("[]");
    }
}
