package dev.binlogfc.examples.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.examples.LocalPipeline;
import dev.binlogfc.examples.PipelineOptions;
import dev.binlogfc.examples.ReplicaPipeline;
import dev.binlogfc.teststack.db.MariaDbServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The example function keeps a second MariaDB an exact replica of the source, as the README's run command runs it
 * ({@link ReplicaPipeline}): MariaDB binlog -> Debezium + Canal SMT -> Kafka -> FC sink -> local FC endpoint ->
 * {@link ReplicaFunction} (run by {@link FunctionRunner}) -> replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReplicaEndToEndTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(90);
    private static final String DB = LocalPipeline.DATABASE;

    private final ByteArrayOutputStream runnerOutput = new ByteArrayOutputStream();
    private ReplicaPipeline running;
    private LocalPipeline pipeline;
    private MariaDbServer target;

    @BeforeAll
    void start() throws Exception {
        running = ReplicaPipeline.start(new PipelineOptions(), new PrintStream(runnerOutput, true, StandardCharsets.UTF_8));
        pipeline = running.pipeline();
        target = running.replica();
    }

    @AfterAll
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    @Order(1)
    void theFullCopyCreatesTheTableAndItsRows() throws InterruptedException {
        awaitReplica(DB + ".demoTable", "name");
    }

    @Test
    @Order(2)
    void insertsUpdatesDeletesAndKeyChangesReplicate() throws InterruptedException {
        pipeline.database().execute(
                "INSERT INTO " + DB + ".demoTable VALUES ('xiaogang', 'man', 9), ('a1', NULL, 1)",
                "UPDATE " + DB + ".demoTable SET age = 11 WHERE name = 'xiaoming'",
                "DELETE FROM " + DB + ".demoTable WHERE name = 'xiaohong'",
                "UPDATE " + DB + ".demoTable SET name = 'a2' WHERE name = 'a1'");

        awaitReplica(DB + ".demoTable", "name");
    }

    @Test
    @Order(3)
    void schemaChangesAndNewTablesReplicateInOrderWithTheirRows() throws InterruptedException {
        pipeline.database().execute(
                "ALTER TABLE " + DB + ".demoTable ADD COLUMN city VARCHAR(20) DEFAULT 'hz'",
                "UPDATE " + DB + ".demoTable SET city = 'sh' WHERE name = 'xiaoming'",
                "CREATE TABLE " + DB + ".orders (id INT NOT NULL PRIMARY KEY, amount DECIMAL(10,2), placed DATETIME(3), note VARCHAR(50))",
                "START TRANSACTION",
                "INSERT INTO " + DB + ".orders VALUES (1, 9.99, '2024-01-02 03:04:05.678', 'first'), (2, 0.10, NULL, NULL)",
                "UPDATE " + DB + ".orders SET amount = amount * 2",
                "COMMIT",
                "ALTER TABLE " + DB + ".orders DROP COLUMN note",
                "INSERT INTO " + DB + ".orders VALUES (3, 1.00, NOW(3))");

        awaitReplica(DB + ".demoTable", "name");
        awaitReplica(DB + ".orders", "id");
        assertThat(target.query("SHOW CREATE TABLE " + DB + ".orders")).isEqualTo(pipeline.database().query("SHOW CREATE TABLE " + DB + ".orders"));
        assertThat(running.function().appliedRecords()).isPositive();
    }

    private void awaitReplica(String table, String key) throws InterruptedException {
        String select = "SELECT * FROM " + table + " ORDER BY " + key;
        List<?> source = pipeline.database().query(select);
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        List<?> replica = List.of();
        while (System.nanoTime() < deadline) {
            try {
                replica = target.query(select);
                if (replica.equals(source)) {
                    return;
                }
            } catch (IllegalStateException notYetCreated) {
                replica = List.of(notYetCreated.getMessage());
            }
            Thread.sleep(200);
        }
        assertThat(replica).as("replica of %s after %s; function runner said:%n%s", table, CONVERGENCE,
                runnerOutput.toString(StandardCharsets.UTF_8)).isEqualTo(source);
    }
}
