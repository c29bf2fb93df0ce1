package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The reference for what a row may be: bytes that the JDK's strict UTF-8 decoder accepts (no overlong forms, no
 * surrogates, nothing past U+10FFFF), without a byte order mark, whose characters Jackson's strict parser reads as
 * exactly one JSON object. Jackson reads the decoded characters, not the bytes, so that its own lenient UTF-8
 * decoding and its sniffing of UTF-16 and UTF-32 play no part.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** Whether {@code text} is one JSON object as the sink must accept it, read under {@code factory}'s limits. */
    public static boolean isOneObject(byte[] text, JsonFactory factory) {
        String characters = strictUtf8(text);
        if (characters == null || characters.startsWith("\uFEFF")) {
            return false;
        }
        try (JsonParser parser = factory.createParser(characters)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The characters of {@code text}, or null when it is not UTF-8. */
    static String strictUtf8(byte[] text) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
