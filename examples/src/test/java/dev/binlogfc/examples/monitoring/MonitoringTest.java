package dev.binlogfc.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.binlogfc.examples.ConnectorTemplate;
import dev.binlogfc.examples.LocalPipeline;
import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.connect.ExternalWorker;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.db.MariaDbServerOptions;
import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import dev.binlogfc.teststack.fc.RecordRejection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A Connect worker in its own JVM with the Prometheus JMX exporter agent and monitoring/jmx-exporter.yaml, running
 * the shipped source and sink configs with the heartbeat on, scraped every 5 s through a run a DTS user would watch:
 * a full copy, an idle database, retried invocations, records the function rejects into the dead-letter queue, a
 * function that stalls, and a second sink whose task fails. The scrapes show the copy reaching 100 %, the latency
 * staying near the heartbeat interval while idle and passing the alert threshold during the stall; the recorded
 * series go to promtool with the alerts this run must and must not raise; and every metric the rules and the
 * dashboard name must be in the scrape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@Tag("integration")
class MonitoringTest {

    private static final Path AGENT = Path.of("target", "jmx-exporter", "jmx_prometheus_javaagent.jar");
    private static final Path OUTPUT = Path.of("target", "monitoring");
    private static final String DATABASE = LocalPipeline.DATABASE;
    private static final int COPIED_ROWS = 6_000;
    private static final String SINK = "monitoring-sink";
    private static final String FAILING_SINK = "monitoring-failing-sink";
    private static final long HEARTBEAT_INTERVAL_MS = 1_000;
    /** Heartbeats reached the sink every 1 to 5 s in runs here (Debezium emits them with binlog events, then Kafka). */
    private static final long IDLE_LATENCY_BOUND_MS = HEARTBEAT_INTERVAL_MS + 6_000;
    /** BinlogFcSyncLatencyHigh's threshold, plus the 30 s it must hold, plus a scrape. */
    private static final long LATENCY_THRESHOLD_MS = 30_000;
    private static final long STALL_SEEN_MS = LATENCY_THRESHOLD_MS + 30_000 + 2L * SeriesRecording.INTERVAL_SECONDS * 1000;
    private static final Duration STALL = Duration.ofMillis(STALL_SEEN_MS + 20_000);
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MariaDbServer database;
    private FcLocalEndpoint function;
    private ConnectStack kafka;
    private ExternalWorker worker;
    private URI metrics;
    private SeriesRecording recording;
    private ScheduledExecutorService scraper;
    private final List<Map<String, Object>> expectedAlerts = new ArrayList<>();

    @BeforeAll
    void startWorkerWithTheExporter() throws Exception {
        assertThat(AGENT).as("the agent jar maven-dependency-plugin copies at process-test-resources").exists();
        database = MariaDbServer.start(new MariaDbServerOptions().serverId(LocalPipeline.SOURCE_SERVER_ID));
        database.execute("CREATE DATABASE " + DATABASE,
                "CREATE TABLE " + DATABASE + ".orders (id INT PRIMARY KEY, item VARCHAR(20))",
                "INSERT INTO " + DATABASE + ".orders SELECT seq, CONCAT('item ', seq) FROM " + DATABASE + ".seq_1_to_"
                        + COPIED_ROWS,
                "CREATE TABLE " + DATABASE + ".poison (id INT PRIMARY KEY, note VARCHAR(20))",
                "CREATE TABLE " + DATABASE + ".wide (id INT PRIMARY KEY, payload TEXT)",
                "INSERT INTO " + DATABASE + ".wide VALUES (1, REPEAT('w', 2000))",
                "ANALYZE TABLE " + DATABASE + ".orders",
                "CREATE DATABASE binlogfc_heartbeat",
                "CREATE TABLE binlogfc_heartbeat.heartbeat (id INT PRIMARY KEY, ts DATETIME(3) NOT NULL)");
        database.createDebeziumUser("binlogfc", "binlogfc-secret");
        database.execute("GRANT INSERT, UPDATE ON binlogfc_heartbeat.* TO 'binlogfc'@'%'");
        function = FcLocalEndpoint.builder().service("demoService").function("demoFunction")
                .accessKey("local-access-key-id", "local-access-key-secret").start();
        kafka = ConnectStack.start();
        int exporterPort = freePort();
        metrics = URI.create("http://127.0.0.1:" + exporterPort + "/metrics");
        worker = new ExternalWorker(kafka.bootstrapServers(), OUTPUT.resolve("worker"))
                .jvmOption("-javaagent:" + AGENT.toAbsolutePath() + "=127.0.0.1:" + exporterPort + ":"
                        + MonitoringFiles.EXPORTER_CONFIG);
        worker.start();

        recording = new SeriesRecording(namesTheRulesRead());
        scraper = Executors.newSingleThreadScheduledExecutor();
        scraper.scheduleAtFixedRate(this::record, 0, SeriesRecording.INTERVAL_SECONDS, TimeUnit.SECONDS);
        Map<String, String> placeholders = LocalPipeline.placeholders(database, function, kafka.bootstrapServers());
        createConnector(ConnectorTemplate.load("sink-fc.json", placeholders).with(Map.of(
                "name", SINK,
                "topics.regex", "binlogfc\\." + DATABASE + "\\.(orders|poison)|__debezium-heartbeat\\.binlogfc",
                "retry.max.attempts", "2",
                "retry.backoff.initial.ms", "100",
                "retry.backoff.max.ms", "200",
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", "monitoring-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1")), SINK);
        createConnector(ConnectorTemplate.load("sink-fc.json", placeholders).with(Map.of(
                "topics.regex", "binlogfc\\." + DATABASE + "\\.wide",
                "batch.max.bytes", "1024")), FAILING_SINK);
        createConnector(ConnectorTemplate.load("source-mariadb-canal.json", placeholders).with(Map.of(
                "heartbeat.table", "binlogfc_heartbeat.heartbeat",
                "heartbeat.interval.ms", Long.toString(HEARTBEAT_INTERVAL_MS),
                "throttle.init.rows.per.second", "1000")), "monitoring-source");
    }

    private void createConnector(ConnectorTemplate template, String name) {
        worker.rest().createOrUpdate(name, template.config());
    }

    private void record() {
        try {
            recording.add(PrometheusScrape.of(metrics));
        } catch (IOException e) {
            System.err.println("Scrape of " + metrics + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    void stop() {
        if (scraper != null) {
            scraper.shutdownNow();
        }
        for (AutoCloseable component : new AutoCloseable[] {worker, kafka, function, database}) {
            if (component != null) {
                try {
                    component.close();
                } catch (Exception e) {
                    System.err.println("Could not stop " + component + ": " + e);
                }
            }
        }
    }

    @Test
    @Order(1)
    void theFullCopyReaches100PercentWithEveryRow() throws Exception {
        Map<String, String> orders = Map.of("table", DATABASE + ".orders");
        awaitMetric("binlogfc_copy_percent", orders, percent -> percent == 100);

        assertThat(scrape().value("binlogfc_copy_rows_copied", orders)).hasValue(COPIED_ROWS);
        assertThat(scrape().value("binlogfc_copy_rows_estimated", orders)).hasValue(COPIED_ROWS);
        function.awaitRecords(COPIED_ROWS, PHASE_TIMEOUT);
    }

    @Test
    @Order(2)
    void anIdleDatabaseWithTheHeartbeatKeepsTheLatencyNearTheHeartbeatInterval() throws Exception {
        awaitMetric("binlogfc_undelivered_records", Map.of("connector", SINK), undelivered -> undelivered == 0);
        // The last copied row's latency holds until the first heartbeat after the copy arrives.
        awaitMetric("binlogfc_sync_latency_ms", Map.of("connector", SINK), latency -> latency < IDLE_LATENCY_BOUND_MS);
        List<Double> latencies = new ArrayList<>();
        for (int scrape = 0; scrape < 8; scrape++) {
            latencies.add(scrape().value("binlogfc_sync_latency_ms", Map.of("connector", SINK)).orElseThrow());
            Thread.sleep(SeriesRecording.INTERVAL_SECONDS * 1000L);
        }
        System.out.println("sync-latency-ms of an idle database, heartbeat every " + HEARTBEAT_INTERVAL_MS + " ms: "
                + latencies);

        assertThat(latencies).allMatch(latency -> latency >= 0 && latency < IDLE_LATENCY_BOUND_MS);
        expectAlerts("BinlogFcSyncLatencyHigh");
        expectAlerts("BinlogFcFullCopyStalled");
    }

    @Test
    @Order(3)
    void retriedInvocationsRaiseTheRetriesAlert() throws Exception {
        function.faults().failNext(5, 502);
        database.execute("INSERT INTO " + DATABASE + ".orders VALUES (" + (COPIED_ROWS + 1) + ", 'retried')");
        awaitMetric("binlogfc_retries_total", Map.of("connector", SINK, "cause", "connection"), retries -> retries >= 5);
        awaitNextScrapes(2);

        expectAlerts("BinlogFcRetriesRising", Map.of("connector", SINK, "cause", "connection"));
    }

    @Test
    @Order(4)
    void recordsTheFunctionRejectsRaiseTheDeadLetterAlert() throws Exception {
        function.faults().rejectRecords(record -> "poison".equals(record.path("table").asText()), Integer.MAX_VALUE,
                RecordRejection.Answer.FUNCTION_ERROR, 0);
        database.execute("INSERT INTO " + DATABASE + ".poison VALUES (1, 'rejected'), (2, 'rejected')");
        awaitMetric("binlogfc_dead_letter_queue_records_total", Map.of("connector", SINK, "cause", "function-error"),
                records -> records >= 2);
        awaitNextScrapes(2);

        expectAlerts("BinlogFcDeadLetterQueueGrowing", Map.of("connector", SINK));
    }

    @Test
    @Order(5)
    void aStalledFunctionRaisesTheLatencyPastTheAlertThreshold() throws Exception {
        function.faults().clear().delayResponses(STALL);
        database.execute("INSERT INTO " + DATABASE + ".orders VALUES (" + (COPIED_ROWS + 2) + ", 'stalled')");
        awaitMetric("binlogfc_sync_latency_ms", Map.of("connector", SINK), latency -> latency > STALL_SEEN_MS);
        awaitNextScrapes(1);

        expectAlerts("BinlogFcSyncLatencyHigh", Map.of("connector", SINK));
        function.faults().clear();
        awaitMetric("binlogfc_sync_latency_ms", Map.of("connector", SINK), latency -> latency < LATENCY_THRESHOLD_MS);
    }

    @Test
    @Order(6)
    void aFailedTaskRaisesTheTaskFailedAlert() throws Exception {
        awaitMetric("kafka_connect_task_status", Map.of("connector", FAILING_SINK, "status", "failed"),
                status -> status == 1);
        awaitNextScrapes(8);

        expectAlerts("BinlogFcTaskFailed", Map.of("connector", FAILING_SINK, "task", "0", "status", "failed"));
    }

    @Test
    @Order(7)
    void everyMetricTheRulesAndTheDashboardNameIsInTheScrape() throws Exception {
        Set<String> scraped = scrape().names();
        Set<String> recorded = MonitoringFiles.ruleExpressions().keySet();
        Map<String, String> expressions = new LinkedHashMap<>(MonitoringFiles.ruleExpressions());
        expressions.putAll(MonitoringFiles.dashboardExpressions());
        Set<String> checked = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        expressions.forEach((where, expression) -> {
            for (String name : MonitoringFiles.exportedNames(expression)) {
                checked.add(name);
                if (!scraped.contains(name)) {
                    missing.add(name + " (" + where + ")");
                }
            }
            for (String name : MonitoringFiles.recordedNames(expression)) {
                if (!recorded.contains(name)) {
                    missing.add(name + " (" + where + ", no such recording rule)");
                }
            }
        });
        System.out.println("Metric names of the rules and the dashboard found in the scrape: " + checked);

        assertThat(missing).isEmpty();
        assertThat(checked).hasSizeGreaterThan(15);
    }

    @Test
    @Order(8)
    void theRulesRaiseExactlyTheAlertsOfThisRunInPromtool() throws Exception {
        Path test = writePromtoolTest(OUTPUT.resolve("recorded-run.test.yaml"));
        Path promtool = Promtool.find().orElse(null);
        Assumptions.assumeTrue(promtool != null, Promtool.MISSING);

        Promtool.Result result = Promtool.run(promtool, List.of("test", "rules", test.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** What promtool must find at the current scrape for {@code alert}: exactly these label sets, none if empty. */
    @SafeVarargs
    private void expectAlerts(String alert, Map<String, String>... labelSets) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, String> labels : labelSets) {
            Map<String, String> all = new LinkedHashMap<>(labels);
            all.put("severity", severity(alert));
            alerts.add(Map.of("exp_labels", all, "exp_annotations", MonitoringFiles.annotations(alert)));
        }
        Map<String, Object> expectation = new LinkedHashMap<>();
        expectation.put("eval_time", (recording.size() - 1) * SeriesRecording.INTERVAL_SECONDS + "s");
        expectation.put("alertname", alert);
        expectation.put("exp_alerts", alerts);
        expectedAlerts.add(expectation);
    }

    private static String severity(String alert) {
        try {
            for (JsonNode group : YAML.readTree(MonitoringFiles.RULES.toFile()).get("groups")) {
                for (JsonNode rule : group.get("rules")) {
                    if (alert.equals(rule.path("alert").asText())) {
                        return rule.get("labels").get("severity").asText();
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no alert " + alert);
    }

    private Path writePromtoolTest(Path file) throws IOException {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", SeriesRecording.INTERVAL_SECONDS + "s");
        test.put("input_series", recording.inputSeries());
        test.put("alert_rule_test", expectedAlerts);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rule_files", List.of(MonitoringFiles.RULES.toString()));
        document.put("evaluation_interval", SeriesRecording.INTERVAL_SECONDS + "s");
        document.put("tests", List.of(test));
        Files.createDirectories(file.getParent());
        YAML.writeValue(file.toFile(), document);
        return file;
    }

    private static Set<String> namesTheRulesRead() {
        Set<String> names = new HashSet<>();
        MonitoringFiles.ruleExpressions().values().forEach(expression ->
                names.addAll(MonitoringFiles.exportedNames(expression)));
        return names;
    }

    private PrometheusScrape scrape() throws IOException, InterruptedException {
        return PrometheusScrape.of(metrics);
    }

    private void awaitMetric(String name, Map<String, String> labels, DoublePredicate condition) throws Exception {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        OptionalDouble last = OptionalDouble.empty();
        while (System.nanoTime() < deadline) {
            last = scrape().value(name, labels);
            if (last.isPresent() && condition.test(last.getAsDouble())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + labels + " did not reach the expected value within " + PHASE_TIMEOUT
                + "; last " + last);
    }

    private void awaitNextScrapes(int scrapes) throws InterruptedException {
        int until = recording.size() + scrapes;
        while (recording.size() < until) {
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
