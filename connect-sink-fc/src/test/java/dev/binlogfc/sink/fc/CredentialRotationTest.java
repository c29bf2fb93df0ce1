package dev.binlogfc.sink.fc;

import static dev.binlogfc.sink.fc.SinkTaskHarness.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.sink.fc.auth.JvmNetworkSettings;
import dev.binlogfc.sink.fc.auth.LocalCredentialIssuer;
import dev.binlogfc.sink.fc.net.TestCertificates;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary credentials rotating while records stream through a running task (RAM role ARN against a local STS):
 * renewed by Alibaba's credentials library before they expire, and at once after FC rejected them with a 403. No
 * record is lost, duplicated or reordered, and the task never fails.
 */
class CredentialRotationTest extends AgainstLocalEndpoint {

    private static final int PARTITIONS = 4;
    private static final int ROUNDS = 24;
    private static final int PER_ROUND = 5;

    @TempDir
    Path dir;
    private LocalCredentialIssuer sts;
    private final JvmNetworkSettings jvm = new JvmNetworkSettings();

    @AfterEach
    void stopSts() {
        if (sts != null) {
            sts.close();
        }
        jvm.close();
    }

    @Test
    void credentialsExpiringEveryTwoSecondsAreRenewedWhileRecordsStream() throws Exception {
        startTask(Duration.ofSeconds(2));

        stream(round -> { });

        assertThat(sts.issuedCount()).as("AssumeRole calls during about 6 s of 2-second credentials")
            .isGreaterThanOrEqualTo(3);
    }

    @Test
    void credentialsRevokedMidStreamAreRenewedAfterTheRejectionAndTheBatchSentAgain() throws Exception {
        startTask(Duration.ofMinutes(10));

        stream(round -> {
            if (round == ROUNDS / 2) {
                sts.revokeLast();
            }
        });

        assertThat(sts.issuedCount()).as("the first credentials and those fetched after the 403").isEqualTo(2);
    }

    private void startTask(Duration lifetime) throws Exception {
        TestCertificates certificates = new TestCertificates("rotation test CA");
        sts = new LocalCredentialIssuer(fc, lifetime, TestCertificates.serverContext(
            certificates.issue("127.0.0.1", KeyPurposeId.id_kp_serverAuth, "127.0.0.1"), null));
        jvm.trustOnly(TestCertificates.write(certificates.trustStore(), dir.resolve("trust.p12")),
            TestCertificates.PASSWORD);
        sink = SinkTaskHarness.start(fc, "fc.credentials.type", "ram-role-arn",
            "fc.role.arn", "acs:ram::123:role/rotation", "fc.sts.endpoint", sts.hostAndPort());
    }

    /** Puts PER_ROUND records per partition every 250 ms, calling {@code duringRound} before each put. */
    private void stream(java.util.function.IntConsumer duringRound) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            duringRound.accept(round);
            List<SinkRecord> records = new ArrayList<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                for (int i = 0; i < PER_ROUND; i++) {
                    records.add(row(partition, (long) round * PER_ROUND + i));
                }
            }
            sink.task.put(records);
            Thread.sleep(250);
        }
        long total = (long) ROUNDS * PER_ROUND;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            sink.awaitCommittable(SinkTaskHarness.partition(partition), total);
        }
        sink.assertStillRunning();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            assertThat(offsetsReceived(partition)).as("partition %d in order, once each", partition)
                .containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
        }
    }

    private List<Long> offsetsReceived(int partition) {
        return fc.receivedBatches().stream().map(ReceivedBatch::records).flatMap(List::stream)
            .map(record -> record.path("id").asLong()).filter(id -> id / 1_000_000 == partition)
            .map(id -> id % 1_000_000).toList();
    }
}
