package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class SourceReachabilityTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicInteger probes = new AtomicInteger();
    private final SourceReachability reachability = new SourceReachability(Duration.ofMinutes(1), Duration.ofSeconds(5),
            () -> {
                probes.incrementAndGet();
                if (!reachable.get()) {
                    throw new SQLException("Connection refused");
                }
            }, clock::get, "retry.connection.minutes=1");

    @Test
    void recordsArrivingNeedNoProbeAndAnIdleSourceIsProbedOncePerInterval() {
        for (int second = 0; second < 20; second++) {
            clock.set(second * SECOND);
            reachability.afterPoll(true);
        }
        assertThat(probes).hasValue(0);
        for (int tenth = 200; tenth < 300; tenth++) {
            clock.set(tenth * SECOND / 10);
            reachability.afterPoll(false);
        }
        assertThat(probes).as("10 s idle, a probe each 5 s").hasValue(2);
    }

    @Test
    void anOutageShorterThanTheWindowIsSurvived() {
        reachable.set(false);
        for (int second = 5; second <= 55; second += 5) {
            clock.set(second * SECOND);
            reachability.afterPoll(false);
        }
        reachable.set(true);
        clock.set(65 * SECOND);
        reachability.afterPoll(false);
        reachable.set(false);
        clock.set(120 * SECOND);
        assertThatNoException().as("the window counts from the first failure after the last success")
                .isThrownBy(() -> reachability.afterPoll(false));
    }

    @Test
    void anOutageAsLongAsTheWindowFailsTheTaskWithTheCauseAndTheSetting() {
        reachable.set(false);
        for (int second = 5; second < 65; second += 5) {
            clock.set(second * SECOND);
            reachability.afterPoll(false);
        }
        clock.set(65 * SECOND);

        assertThatThrownBy(() -> reachability.afterPoll(false)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("unreachable for 60 s, longer than retry.connection.minutes=1")
                .hasMessageContaining("Connection refused").hasCauseInstanceOf(SQLException.class);
    }

    /** Debezium gives up on a database that goes away during a snapshot: that is waited out like any outage. */
    @Test
    void aDebeziumFailureIsAnOutageOnlyWhileTheDatabaseIsUnreachable() {
        IllegalStateException failure = new IllegalStateException("Socket fail to connect");
        assertThatThrownBy(() -> reachability.afterFailure(failure)).as("reachable: the failure has another cause")
                .isSameAs(failure);

        reachable.set(false);
        clock.set(10 * SECOND);
        assertThatNoException().isThrownBy(() -> reachability.afterFailure(failure));
        clock.set(70 * SECOND);
        assertThatThrownBy(() -> reachability.afterFailure(failure)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("unreachable for 60 s");
    }
}
