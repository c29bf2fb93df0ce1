package dev.binlogfc.source.canal.testing;

/** Where an event sits in the binlog, and when it happened. */
public record BinlogPosition(String file, long position, int row, long timestampMillis) {

    public static BinlogPosition at(String file, long position, int row) {
        return new BinlogPosition(file, position, row, 1_690_000_000_000L);
    }
}
