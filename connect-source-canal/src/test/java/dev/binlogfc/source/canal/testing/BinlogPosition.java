package dev.binlogfc.source.canal.testing;

import java.util.Map;

/**
 * Where a row change sits in the binlog as Debezium reports it: the transaction's start position, the number of
 * events of the transaction before the row's event (the source offset's {@code event}), the row's index within its
 * event, and when it happened.
 */
public record BinlogPosition(String file, long position, long event, int row, long timestampMillis) {

    public static BinlogPosition at(String file, long position, int row) {
        return at(file, position, 0, row);
    }

    public static BinlogPosition at(String file, long position, long event, int row) {
        return new BinlogPosition(file, position, event, row, 1_690_000_000_000L);
    }

    /** Debezium's source offset for this change. */
    public Map<String, ?> offset() {
        return Map.of("file", file, "pos", position, "event", event, "row", row);
    }
}
