package dev.binlogfc.source.canal.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * JSON texts written one after the other by one Jackson generator into one reused buffer: creating a generator per
 * record (its context, buffers and recycler lookup) cost as much as a third of writing a record key. The generator
 * writes no separator between the texts, and is replaced after a text that failed half-way.
 *
 * <p>Not thread-safe: one per writer, which Connect calls from its task's thread only.
 */
public final class JsonTextBuffer {

    private static final int INITIAL_BUFFER_BYTES = 1024;

    private final JsonFactory factory;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
    private JsonGenerator generator;

    public JsonTextBuffer(JsonFactory factory) {
        this.factory = factory;
    }

    /** Writes one JSON value with {@code writer} and returns its text. */
    public String write(ValueWriter writer) {
        out.reset();
        try {
            if (generator == null) {
                generator = factory.createGenerator(out);
                generator.setRootValueSeparator(null);
            }
            writer.writeTo(generator);
            generator.flush();
        } catch (IOException | RuntimeException e) {
            // Half a value is open in the generator's context; the next text starts with a new one.
            generator = null;
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Writing JSON to memory failed", io);
            }
            throw (RuntimeException) e;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes one complete JSON value. */
    @FunctionalInterface
    public interface ValueWriter {
        void writeTo(JsonGenerator generator) throws IOException;
    }
}
