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
