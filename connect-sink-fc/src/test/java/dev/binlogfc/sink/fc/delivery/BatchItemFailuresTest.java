package dev.binlogfc.sink.fc.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchItemFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}"})
    void answersThatNameNoFailureMeanEveryRecordWasProcessed(String body) {
        assertThat(BatchItemFailures.read(body)).isEqualTo(BatchItemFailures.Answer.failed(Set.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"batchItemFailures\":[{\"itemIdentifier\":\"17\"},{\"itemIdentifier\":4}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":4},{\"itemIdentifier\":\"17\"}],\"other\":1}"})
    void readsTheFailedIdsAsTextOrNumbers(String body) {
        assertThat(BatchItemFailures.read(body)).isEqualTo(BatchItemFailures.Answer.failed(Set.of("17", "4")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"receivedRecords\":3}|the answer has no batchItemFailures list",
        "\"ok\"|the answer has no batchItemFailures list",
        "not json|the answer is not JSON",
        "{\"batchItemFailures\":{}}|batchItemFailures is not a list",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}|an item of batchItemFailures has no itemIdentifier",
        "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}|an item of batchItemFailures has no itemIdentifier",
        "{\"batchItemFailures\":[{\"id\":\"3\"}]}|an item of batchItemFailures has no itemIdentifier"})
    void anythingElseIsMalformedNeverASuccess(String body, String why) {
        assertThat(BatchItemFailures.read(body).malformed()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith(why));
    }
}
