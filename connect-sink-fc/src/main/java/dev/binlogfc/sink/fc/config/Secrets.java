package dev.binlogfc.sink.fc.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/** Reads PASSWORD settings; their values go only to where they are used, never to a log or a message. */
final class Secrets {

    private Secrets() {
    }

    /** The value of a PASSWORD setting, {@code null} when left out. */
    static String value(AbstractConfig config, String key) {
        Password password = config.getPassword(key);
        return password == null ? null : password.value();
    }
}
