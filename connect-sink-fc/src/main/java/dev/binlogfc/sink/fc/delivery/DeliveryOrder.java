package dev.binlogfc.sink.fc.delivery;

import java.util.Arrays;

/** Which records of one partition may be in flight at the same time (setting delivery.order). */
public enum DeliveryOrder {

    /** One batch per partition at a time: records arrive in offset order. */
    PARTITION("partition"),
    /**
     * Several batches per partition, as long as no primary key is in two of them and a DDL record waits for every
     * record of its table before it and holds back every one after it: each row's changes arrive in offset order.
     */
    KEY("key");

    private final String settingValue;

    DeliveryOrder(String settingValue) {
        this.settingValue = settingValue;
    }

    public String settingValue() {
        return settingValue;
    }

    public static String[] settingValues() {
        return Arrays.stream(values()).map(DeliveryOrder::settingValue).toArray(String[]::new);
    }

    public static DeliveryOrder fromSettingValue(String value) {
        return Arrays.stream(values()).filter(order -> order.settingValue.equalsIgnoreCase(value)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown delivery order " + value));
    }
}
