package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SnapshotPacerTest {

    private static final long MILLI = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(5_000 * MILLI);

    @Test
    void eachBatchWaitsUntilItsFirstRowIsDueAtTheLimit() {
        SnapshotPacer pacer = new SnapshotPacer(1_000, clock::get);

        assertThat(pacer.delayFor(500)).as("the first batch starts the clock").isZero();
        assertThat(pacer.delayFor(500)).isEqualTo(500 * MILLI);
        clock.addAndGet(500 * MILLI);
        assertThat(pacer.delayFor(2_000)).as("rows 1000.. are due 1 s after the start").isEqualTo(500 * MILLI);
        clock.addAndGet(4_000 * MILLI);
        assertThat(pacer.delayFor(10)).as("behind the limit: no wait").isZero();
    }

    @Test
    void batchesWithoutCopiedRowsAndAnUnlimitedPacerNeverWait() {
        SnapshotPacer limited = new SnapshotPacer(10, clock::get);
        limited.delayFor(1_000);
        SnapshotPacer unlimited = new SnapshotPacer(0, clock::get);

        assertThat(limited.delayFor(0)).isZero();
        assertThat(unlimited.isUnlimited()).isTrue();
        assertThat(unlimited.delayFor(1_000_000)).isZero();
    }
}
