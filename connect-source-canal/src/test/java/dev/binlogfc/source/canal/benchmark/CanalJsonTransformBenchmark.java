package dev.binlogfc.source.canal.benchmark;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.StringConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.binlogfc.source.canal.testing.BinlogPosition;
import dev.binlogfc.source.canal.testing.CapturedTable;
import dev.binlogfc.source.canal.testing.DebeziumConnectorFixture;
import dev.binlogfc.source.canal.transform.CanalJsonTransform;

/**
 * The Canal SMT's cost per record for a 10-column row (UPDATE with before and after image, and INSERT), as Debezium's
 * MariaDB connector builds the events, in both value forms; {@code insertToTopicBytes} adds the converter that
 * writes the value to Kafka (JsonConverter for the map, StringConverter for the JSON text), which is what the two
 * forms trade. Run it with (from the repository root):
 *
 * <pre>
 * ./mvnw -o -q -pl connect-source-canal test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp connect-source-canal/target/test-classes:connect-source-canal/target/classes:$(cat connect-source-canal/target/test-classpath.txt) \
 *     org.openjdk.jmh.Main CanalJsonTransformBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CanalJsonTransformBenchmark {

    private static final String TEN_COLUMNS = "CREATE TABLE shop.customers (id int NOT NULL, name varchar(20),"
            + " email varchar(50), age int, balance decimal(12,2), created datetime(3), updated timestamp(6) NULL,"
            + " active tinyint(1), score double, note text, PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4";

    @Param({"map", "json"})
    public String valueForm;

    private final CanalJsonTransform<SourceRecord> transform = new CanalJsonTransform<>();
    private SourceRecord update;
    private SourceRecord insert;
    private Converter valueConverter;

    @Setup
    public void createEvents() {
        CapturedTable customers = DebeziumConnectorFixture.mariadb("bigint.unsigned.handling.mode", "precise")
                .table(TEN_COLUMNS);
        BinlogPosition position = BinlogPosition.at("mariadb-bin.000003", 123_456L, 2, 0);
        Object[] before = row("xiaoming@example.com", 10);
        Object[] after = row("xiaoming@example.org", 11);
        update = customers.update(position, before, after);
        insert = customers.insert(position, after);
        transform.configure(Map.of("timestamp.zone", "Asia/Shanghai", "value.form", valueForm));
        valueConverter = "json".equals(valueForm) ? new StringConverter() : new JsonConverter();
        valueConverter.configure(Map.of("schemas.enable", "false"), false);
    }

    @Benchmark
    public SourceRecord update() {
        return transform.apply(update);
    }

    @Benchmark
    public SourceRecord insert() {
        return transform.apply(insert);
    }

    @Benchmark
    public byte[] insertToTopicBytes() {
        SourceRecord canal = transform.apply(insert);
        return valueConverter.fromConnectData(canal.topic(), canal.valueSchema(), canal.value());
    }

    private static Object[] row(String email, int age) {
        return new Object[]{ 42, "xiaoming", email, age, new BigDecimal("1234.50"),
                LocalDateTime.of(2024, 6, 1, 12, 0, 0, 125_000_000),
                ZonedDateTime.of(2024, 6, 1, 4, 0, 0, 500_000_000, ZoneOffset.UTC), 1, 98.25, "regular customer, 中文" };
    }
}
