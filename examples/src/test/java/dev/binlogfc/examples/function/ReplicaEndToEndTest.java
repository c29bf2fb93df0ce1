package dev.binlogfc.examples.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.examples.LocalPipeline;
import dev.binlogfc.examples.PipelineOptions;
import dev.binlogfc.examples.ReplicaPipeline;
import dev.binlogfc.source.canal.config.DebeziumSettings;
import dev.binlogfc.source.canal.config.TableName;
import dev.binlogfc.teststack.db.MariaDbServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
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
@Tag("integration")
class ReplicaEndToEndTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(90);
    private static final String DB = LocalPipeline.DATABASE;
    /** A table outside the selection, with rows, that a config update adds to the running source. */
    private static final String ADDED = "crm.accounts";
    private static final String ADDED_DDL = "CREATE TABLE " + ADDED + " (id INT PRIMARY KEY, balance INT NOT NULL)";
    private static final int ADDED_ROWS = 2_000;
    private static final String SIGNAL_TABLE = "binlogfc.debezium_signal";

    private final ByteArrayOutputStream runnerOutput = new ByteArrayOutputStream();
    private ReplicaPipeline running;
    private LocalPipeline pipeline;
    private MariaDbServer target;

    @BeforeAll
    void start() throws Exception {
        running = ReplicaPipeline.start(withTableToAddLater(), new PrintStream(runnerOutput, true, StandardCharsets.UTF_8));
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

    /**
     * As a user adds a table to a running task: the target gets its table (the copy brings rows, not CREATE TABLE),
     * then the source's config update through Connect's REST API names it, while writes go to its rows and to the
     * tables synchronized already. The replica ends equal to the source.
     */
    @Test
    @Order(4)
    void aTableAddedUnderWriteLoadReplicatesWithItsExistingRows() throws InterruptedException {
        // IF NOT EXISTS: the full copy's DDL of databases outside the selection may have reached the function.
        target.execute("CREATE DATABASE IF NOT EXISTS crm", ADDED_DDL.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
        Thread writer = new Thread(() -> writeLoad(Duration.ofSeconds(10)));
        writer.start();
        pipeline.connect().rest().createOrUpdate(pipeline.source().name(),
                pipeline.source().with(Map.of("tables", ADDED)).config());
        writer.join();

        awaitReplica(ADDED, "id");
        awaitReplica(DB + ".demoTable", "name");
    }

    /** Changes to random rows of the added table, and every fifth statement a row of the synchronized one. */
    private void writeLoad(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (int statement = 0; System.nanoTime() < end; statement++) {
            if (statement % 5 == 0) {
                pipeline.database().execute("INSERT INTO " + DB + ".demoTable VALUES ('load" + statement + "', NULL, "
                        + statement + ")");
            } else {
                pipeline.database().execute("UPDATE " + ADDED + " SET balance = balance + 1 WHERE id = "
                        + ThreadLocalRandom.current().nextInt(1, ADDED_ROWS + 1));
            }
        }
    }

    /**
     * The pipeline with a signal table the source account may write (through which added tables are copied), the
     * table to add with its rows, a copy slow enough for the writes to meet it, and the sink reading its topic.
     */
    private static PipelineOptions withTableToAddLater() {
        TableName signal = TableName.parse(SIGNAL_TABLE);
        PipelineOptions options = new PipelineOptions();
        for (String statement : DebeziumSettings.signalTableDdl(signal).split("; ")) {
            options.setupStatement(statement);
        }
        return options.setupStatement("GRANT INSERT ON " + signal.quoted() + " TO '" + LocalPipeline.SOURCE_USER + "'@'%'")
                .setupStatement("CREATE DATABASE crm")
                .setupStatement(ADDED_DDL)
                .setupStatement("INSERT INTO " + ADDED + " SELECT seq, 100 FROM crm.seq_1_to_" + ADDED_ROWS)
                .sourceProperty("signal.table", SIGNAL_TABLE)
                .sourceProperty("incremental.snapshot.chunk.size", "200")
                .sourceProperty("throttle.init.rows.per.second", "400")
                .sinkProperty("topics.regex", LocalPipeline.TOPIC_PREFIX + "\\.(" + DB + "|crm)(\\..+)?");
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
