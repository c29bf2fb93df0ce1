package dev.binlogfc.sink.fc.delivery;

import java.util.Set;

/**
 * How to read answers beyond FC's own: whether they come from a webhook (whose 5xx may be its handler failing on
 * a record, while FC's own 5xx are the platform's), the statuses with which a webhook rejects a batch because of
 * its records (empty for FC targets, where any such 4xx stops the task), and whether a successful answer lists
 * the records the function could not process ({@link BatchItemFailures}).
 */
public record AnswerPolicy(boolean webhook, Set<Integer> batchFailureStatuses, boolean batchItemFailures) {

    public static final AnswerPolicy FC_ONLY = new AnswerPolicy(false, Set.of(), false);
}
