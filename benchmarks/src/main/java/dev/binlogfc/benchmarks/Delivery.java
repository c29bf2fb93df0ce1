package dev.binlogfc.benchmarks;

/** Where received records go: a probe reports each one with the row key, its version and when it arrived. */
interface Delivery {

    /**
     * @param snapshot whether the record is a copy of an existing row (Canal INIT, Debezium op {@code r})
     * @param receiptMillis epoch ms at which the function (or the Kafka reader) got it
     */
    void received(long id, long version, boolean snapshot, long receiptMillis);
}
