package dev.binlogfc.teststack.fc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A local function that rejects the records a test picks, in each of the ways a function can say so. */
class RecordRejectionTest {

    private static final String BATCH = "{\"Records\":[{\"id\":1},{\"id\":2},{\"id\":3},{\"id\":4},{\"id\":5}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private FcLocalEndpoint fc;

    @BeforeEach
    void startEndpoint() throws Exception {
        fc = FcLocalEndpoint.builder().service("svc").function("fn").accessKey("id", "secret")
            .webhook("/hooks/orders", null).start();
    }

    @AfterEach
    void stopEndpoint() {
        fc.close();
    }

    private HttpResponse<String> post() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fc.webhookUrl()))
            .POST(HttpRequest.BodyPublishers.ofString(BATCH)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean even(JsonNode record) {
        return record.path("id").asInt() % 2 == 0;
    }

    private List<Integer> receivedIds() {
        return fc.receivedBatches().stream().flatMap(batch -> batch.records().stream())
            .map(record -> record.path("id").asInt()).toList();
    }

    @Test
    void answersBatchItemFailuresAndTakesTheRecordsBeforeTheFirstRejectedOne() throws Exception {
        fc.faults().rejectRecords(RecordRejectionTest::even, 1, RecordRejection.Answer.BATCH_ITEM_FAILURES, 0);

        HttpResponse<String> first = post();
        HttpResponse<String> second = post();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body())).isEqualTo(JSON.readTree(
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"},{\"itemIdentifier\":\"4\"}]}"));
        assertThat(JSON.readTree(second.body())).isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));
        assertThat(receivedIds()).containsExactly(1, 1, 2, 3, 4, 5);
        assertThat(fc.rejectedBatches()).singleElement().satisfies(batch -> assertThat(batch.recordCount())
            .isEqualTo(5));
    }

    @Test
    void failsTheWholeBatchWithAFunctionErrorUntilCleared() throws Exception {
        fc.faults().rejectRecords(RecordRejectionTest::even, Integer.MAX_VALUE,
            RecordRejection.Answer.FUNCTION_ERROR, 0);

        HttpResponse<String> rejected = post();
        post();
        fc.faults().clear();
        HttpResponse<String> taken = post();

        assertThat(rejected.headers().firstValue("X-Fc-Error-Type")).hasValue("UnhandledInvocationError");
        assertThat(JSON.readTree(rejected.body()).path("errorMessage").asText()).contains("[2]");
        assertThat(taken.headers().firstValue("X-Fc-Error-Type")).isEmpty();
        assertThat(receivedIds()).containsExactly(1, 2, 3, 4, 5);
        assertThat(fc.rejectedBatches()).hasSize(2);
    }

    @Test
    void rejectsWithAnHttpStatus() throws Exception {
        fc.faults().rejectRecords(record -> record.path("id").asInt() == 3, 1, RecordRejection.Answer.HTTP_STATUS,
            422);

        HttpResponse<String> rejected = post();
        HttpResponse<String> taken = post();

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(rejected.body()).path("ErrorCode").asText()).isEqualTo("RecordRejected");
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(receivedIds()).containsExactly(1, 2, 3, 4, 5);
    }
}
