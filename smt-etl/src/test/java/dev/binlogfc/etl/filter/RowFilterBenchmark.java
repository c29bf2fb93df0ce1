package dev.binlogfc.etl.filter;

import dev.binlogfc.etl.record.CanalRecords;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the row filter per record: {@code type == 'UPDATE' && data.status != old.status} on an UPDATE, in the
 * map form (source side, after the Canal SMT) and the JSON string form (sink side with StringConverter, which adds
 * parsing). Run with {@code ./mvnw -q -pl smt-etl -Pbenchmark test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowFilterBenchmark {
    private RowFilter<SourceRecord> sourceFilter;
    private RowFilter<SinkRecord> sinkFilter;
    private SourceRecord mapRecord;
    private SinkRecord stringRecord;

    @Setup
    public void configure() {
        Map<String, String> config = Map.of(RowFilter.EXPRESSION_CONFIG, "type == 'UPDATE' && data.status != old.status");
        sourceFilter = new RowFilter<>();
        sourceFilter.configure(config);
        sinkFilter = new RowFilter<>();
        sinkFilter.configure(config);
        mapRecord = CanalRecords.sourceRecord(CanalRecords.update("new", "paid"));
        stringRecord = CanalRecords.sinkRecord(CanalRecords.update("new", "paid"));
    }

    @Benchmark
    public SourceRecord mapForm() {
        return sourceFilter.apply(mapRecord);
    }

    @Benchmark
    public SinkRecord jsonStringForm() {
        return sinkFilter.apply(stringRecord);
    }
}
