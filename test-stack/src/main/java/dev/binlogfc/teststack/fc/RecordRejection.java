package dev.binlogfc.teststack.fc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A function that rejects the records a test picks by a condition on the record: each matching record (told
 * apart by its {@code id}) is rejected the first {@code timesEach} times it arrives, then taken, so that a test
 * can play a poison record ({@code Integer.MAX_VALUE}) or a function that is fixed later ({@link FaultPlan#clear}).
 */
public final class RecordRejection {

    /** How the function answers a batch holding a rejected record. */
    public enum Answer {
        /** 200 with {@code X-Fc-Error-Type}, as FC answers when the function throws; the batch is not taken. */
        FUNCTION_ERROR,
        /** An HTTP status (e.g. 422 from a validating webhook); the batch is not taken. */
        HTTP_STATUS,
        /**
         * 200 with {@code {"batchItemFailures":[{"itemIdentifier":"<id>"}]}} naming the rejected records, as AWS
         * Lambda's partial batch responses; the function took the records before the first rejected one, and
         * answers other batches with an empty list.
         */
        BATCH_ITEM_FAILURES
    }

    private final Predicate<JsonNode> condition;
    private final int timesEach;
    private final Answer answer;
    private final int status;
    private final Map<String, Integer> rejections = new HashMap<>();

    RecordRejection(Predicate<JsonNode> condition, int timesEach, Answer answer, int status) {
        if (timesEach < 1) {
            throw new IllegalArgumentException("a record is rejected at least once, not " + timesEach + " times");
        }
        this.condition = condition;
        this.timesEach = timesEach;
        this.answer = answer;
        this.status = status;
    }

    Answer answer() {
        return answer;
    }

    int status() {
        return status;
    }

    /**
     * The indexes of the records of one batch this attempt rejects: with a batch item failures answer every
     * matching record still to be rejected, otherwise the first one (the function fails at it).
     */
    synchronized List<Integer> reject(List<JsonNode> records) {
        List<Integer> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String id = record.path("id").asText();
            if (condition.test(record) && rejections.getOrDefault(id, 0) < timesEach) {
                rejections.merge(id, 1, Integer::sum);
                rejected.add(i);
                if (answer != Answer.BATCH_ITEM_FAILURES) {
                    break;
                }
            }
        }
        return rejected;
    }
}
