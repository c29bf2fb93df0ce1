package dev.binlogfc.sink.fc.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.sink.fc.invoke.BatchSender;
import dev.binlogfc.sink.fc.invoke.CallCanceller;
import dev.binlogfc.sink.fc.invoke.FcResponse;
import dev.binlogfc.sink.fc.invoke.InvocationTarget;
import dev.binlogfc.sink.fc.invoke.WebhookTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * A function that answers on the caller's thread: 200 unless a status was queued for the next calls. It keeps the
 * Canal id of every record of every call, in call order, failed calls apart.
 */
final class ScriptedSender implements BatchSender {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InvocationTarget target = new WebhookTarget(URI.create("http://127.0.0.1:9/scripted"), Map.of(),
        null);
    private final Deque<Integer> nextStatuses = new ArrayDeque<>();
    private final List<List<Long>> taken = new ArrayList<>();
    private final List<List<Long>> failed = new ArrayList<>();

    @Override
    public InvocationTarget target() {
        return target;
    }

    /** The next {@code calls} calls are answered with {@code status}. */
    synchronized void answerNext(int calls, int status) {
        for (int i = 0; i < calls; i++) {
            nextStatuses.addLast(status);
        }
    }

    @Override
    public synchronized FcResponse invoke(byte[] body, CallCanceller canceller) throws IOException {
        List<Long> ids = ids(body);
        int status = nextStatuses.isEmpty() ? 200 : nextStatuses.removeFirst();
        (status == 200 ? taken : failed).add(ids);
        return new FcResponse(status, "request-" + (taken.size() + failed.size()), null, null, "");
    }

    private static List<Long> ids(byte[] body) {
        try {
            JsonNode records = JSON.readTree(body).path("Records");
            return StreamSupport.stream(records.spliterator(), false).map(record -> record.path("id").asLong())
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of each call the function took, in call order. */
    synchronized List<List<Long>> takenCalls() {
        return List.copyOf(taken);
    }

    /** Every id the function took, in the order it took them. */
    synchronized List<Long> takenIds() {
        return taken.stream().flatMap(List::stream).toList();
    }
}
