package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void binlogIdPacksFileSequencePositionAndRow() {
        assertThat(EventIds.fromBinlogPosition("mysql-bin.000003", 990L, 7)).isEqualTo(3L << 44 | 990L << 12 | 7);
        assertThat(EventIds.fromBinlogPosition("mariadb-bin.524287", 0xFFFF_FFFFL, 4095)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void binlogIdsOrderLikeTheBinlog() {
        long earlier = EventIds.fromBinlogPosition("mysql-bin.000003", 0xFFFF_FFFFL, 4095);
        long later = EventIds.fromBinlogPosition("mysql-bin.000004", 4L, 0);

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void partsOutsideTheirBitFieldFailRatherThanCollide() {
        assertThatThrownBy(() -> EventIds.fromBinlogPosition("mysql-bin.524288", 4L, 0))
                .isInstanceOf(DataException.class).hasMessageContaining("524288").hasMessageContaining("19-bit");
        assertThatThrownBy(() -> EventIds.fromBinlogPosition("mysql-bin.000001", 1L << 32, 0))
                .isInstanceOf(DataException.class).hasMessageContaining("32-bit");
        assertThatThrownBy(() -> EventIds.fromBinlogPosition("mysql-bin.000001", 4L, 4096))
                .isInstanceOf(DataException.class).hasMessageContaining("12-bit").hasMessageContaining("mysql-bin.000001:4");
    }

    @Test
    void binlogFileWithoutNumericSuffixFails() {
        assertThatThrownBy(() -> EventIds.fromBinlogPosition("binlog", 4L, 0))
                .isInstanceOf(DataException.class).hasMessageContaining("'binlog'");
        assertThatThrownBy(() -> EventIds.fromBinlogPosition("mysql-bin.00a1", 4L, 0))
                .isInstanceOf(DataException.class).hasMessageContaining("numeric sequence");
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
