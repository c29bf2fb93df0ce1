package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void binlogIdIsStableAndNonNegative() {
        long id = EventIds.fromBinlogPosition("mysql-bin.000003", 990L, 2, 7);

        assertThat(id).isNotNegative().isEqualTo(EventIds.fromBinlogPosition("mysql-bin.000003", 990L, 2, 7));
    }

    @Test
    void everyRowOfEveryEventOfATransactionGetsItsOwnId() {
        // Debezium reports one position for the whole transaction: the event and row counters tell its changes apart.
        Set<Long> ids = new HashSet<>();
        for (long event = 0; event < 300; event++) {
            for (int row = 0; row < 300; row++) {
                ids.add(EventIds.fromBinlogPosition("mysql-bin.000003", 990L, event, row));
            }
        }
        ids.add(EventIds.fromBinlogPosition("mysql-bin.000004", 990L, 0, 0));
        ids.add(EventIds.fromBinlogPosition("mysql-bin.000003", 991L, 0, 0));

        assertThat(ids).hasSize(300 * 300 + 2);
    }

    /**
     * A reader that parses JSON numbers as IEEE-754 doubles (JavaScript's JSON.parse) gets the id back exactly: every
     * id is at most 2^53-1, and across many ids the top of that range is used, so no bits were simply dropped.
     */
    @Test
    void everyIdSurvivesARoundTripThroughADouble() {
        long largest = 0;
        for (int row = 0; row < 100_000; row++) {
            long id = EventIds.fromBinlogPosition("mysql-bin.000007", 4L, row / 100, row % 100);
            assertThat(id).isBetween(0L, EventIds.MAX_ID);
            assertThat((long) (double) id).as("id %d as a double", id).isEqualTo(id);
            assertThat(new java.math.BigDecimal(Double.toString((double) id)).longValueExact()).isEqualTo(id);
            largest = Math.max(largest, id);
        }
        assertThat(EventIds.MAX_ID).isEqualTo(9_007_199_254_740_991L);
        assertThat(largest).as("the ids spread over the whole 53-bit range").isGreaterThan(EventIds.MAX_ID / 100 * 99);
    }

    @Test
    void snapshotAndBinlogIdentitiesDoNotAlias() {
        assertThat(EventIds.fromIdentity(List.of("mysql-bin.000003", "990", "0", "0")))
                .isNotEqualTo(EventIds.fromBinlogPosition("mysql-bin.000003", 990L, 0, 0));
    }

    @Test
    void identityIdIsStableNonNegativeAndSensitiveToEveryPart() {
        long id = EventIds.fromIdentity(List.of("shop", "orders", "id", "1"));

        assertThat(id).isNotNegative().isEqualTo(EventIds.fromIdentity(List.of("shop", "orders", "id", "1")));
        assertThat(id).isNotEqualTo(EventIds.fromIdentity(List.of("shop", "orders", "id", "2")))
                .isNotEqualTo(EventIds.fromIdentity(List.of("shop", "order", "sid", "1")));
        assertThat(EventIds.fromIdentity(Arrays.asList("shop", "t", "c", null)))
                .isNotEqualTo(EventIds.fromIdentity(List.of("shop", "t", "c", "")));
    }
}
