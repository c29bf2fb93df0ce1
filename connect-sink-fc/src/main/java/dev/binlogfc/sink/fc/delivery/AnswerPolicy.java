package dev.binlogfc.sink.fc.delivery;

import java.util.Set;

/**
 * How to read answers beyond FC's own: the statuses with which a webhook rejects a batch because of its records
 * (empty for FC targets, where any such 4xx stops the task), and whether a successful answer lists the records
 * the function could not process ({@link BatchItemFailures}).
 */
public record AnswerPolicy(Set<Integer> batchFailureStatuses, boolean batchItemFailures) {

    public static final AnswerPolicy FC_ONLY = new AnswerPolicy(Set.of(), false);
}
