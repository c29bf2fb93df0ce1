package dev.binlogfc.sink.fc.delivery;

import dev.binlogfc.common.config.EnumeratedSetting;

/** Which records of one partition may be in flight at the same time (setting delivery.order). */
public enum DeliveryOrder implements EnumeratedSetting {

    /** One batch per partition at a time: records arrive in offset order. */
    PARTITION,
    /**
     * Several batches per partition, as long as no primary key is in two of them and a DDL record waits for every
     * record of its table before it and holds back every one after it: each row's changes arrive in offset order.
     */
    KEY
}
