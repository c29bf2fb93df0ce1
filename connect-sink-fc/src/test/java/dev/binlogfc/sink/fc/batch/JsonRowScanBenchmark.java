package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sink's scan of one record value (a Canal UPDATE of a 10-column row, 768 bytes): the fast scanner the sink
 * uses, and Jackson's token-by-token scan it falls back to. Run it with
 * {@code ./mvnw -q -pl connect-sink-fc -Pbenchmark test-compile exec:exec} (not part of verify).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonRowScanBenchmark {

    private final byte[] canalUpdate = Utf8JsonObjectScannerTest.canalUpdate();
    private final JsonFactory factory = new JsonFactory();
    private final JsonRow.Scanner scanner = new JsonRow.Scanner(factory);

    @Benchmark
    public JsonRow sinkScan() throws IOException {
        return scanner.scan(canalUpdate);
    }

    @Benchmark
    public RowLayout jacksonScan() throws IOException {
        return JsonRow.scanWithJackson(canalUpdate, factory);
    }
}
