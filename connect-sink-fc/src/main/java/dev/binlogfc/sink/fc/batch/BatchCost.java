package dev.binlogfc.sink.fc.batch;

/** How many rows and JSON bytes of each kind (full-copy INIT, incremental) a batch carries, for throttling. */
public record BatchCost(int initRecords, long initBytes, int incrementalRecords, long incrementalBytes) {

    static final class Builder {

        private int initRecords;
        private long initBytes;
        private int incrementalRecords;
        private long incrementalBytes;

        void add(boolean initial, int bytes) {
            if (initial) {
                initRecords++;
                initBytes += bytes;
            } else {
                incrementalRecords++;
                incrementalBytes += bytes;
            }
        }

        BatchCost build() {
            return new BatchCost(initRecords, initBytes, incrementalRecords, incrementalBytes);
        }
    }
}
