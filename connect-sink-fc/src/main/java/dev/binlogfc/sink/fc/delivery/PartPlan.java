package dev.binlogfc.sink.fc.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

/**
 * How a lane resends the head of its queue in parts: after the function found a batch too large, named failed
 * items, or rejected it until its retry budget was spent. Each part is a number of rows at the head of the queue,
 * the next batch holds at most the first part's rows, and a failing part is replaced by its halves (bisection).
 * An isolating part is one whose batch has already used up its budget: a rejection splits it at once, and a
 * rejected part of one row is that row isolated. With no parts left, batches are cut as usual.
 */
final class PartPlan {

    private record Part(int rows, boolean isolating) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();

    /** The most rows the next batch may hold, while parts are planned. */
    OptionalInt nextRows() {
        return parts.isEmpty() ? OptionalInt.empty() : OptionalInt.of(parts.peekFirst().rows());
    }

    /** Whether the next batch is an isolating part. */
    boolean isolating() {
        return !parts.isEmpty() && parts.peekFirst().isolating();
    }

    /** The first {@code rows} rows of the next part were delivered (or isolated). */
    void done(int rows) {
        Part first = parts.pollFirst();
        if (first != null && first.rows() > rows) {
            parts.addFirst(new Part(first.rows() - rows, first.isolating()));
        }
    }

    /** The batch of {@code rows} rows is to be sent again as two halves, isolating or not. */
    void halve(int rows, boolean isolating) {
        parts.pollFirst();
        parts.addFirst(new Part(rows - rows / 2, isolating));
        parts.addFirst(new Part(rows / 2, isolating));
    }

    /**
     * The batch of {@code rows} rows has a known first failing row: that row is tried once more alone, isolating,
     * and the rows after it, which never had their own chance, as a part of their own.
     */
    void isolateFirst(int rows) {
        parts.pollFirst();
        if (rows > 1) {
            parts.addFirst(new Part(rows - 1, false));
        }
        parts.addFirst(new Part(1, true));
    }

    /** The next batch is to hold exactly the {@code rows} rows a partial answer left undelivered. */
    void resendRemaining(int rows) {
        boolean isolating = isolating();
        parts.pollFirst();
        parts.addFirst(new Part(rows, isolating));
    }
}
