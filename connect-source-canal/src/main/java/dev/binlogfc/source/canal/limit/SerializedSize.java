package dev.binlogfc.source.canal.limit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.connect.data.Struct;

/** The bytes a record's key or value takes once converted, counted without building the bytes where possible. */
final class SerializedSize {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SerializedSize() {
    }

    /** Exact for a String (StringConverter's UTF-8) and byte[]; for other objects the length of their JSON text. */
    static long of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return utf8Length(text);
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        CountingStream counter = new CountingStream();
        try {
            JSON.writeValue(counter, value instanceof Struct ? value.toString() : value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Counts what Jackson writes and keeps nothing. */
    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
