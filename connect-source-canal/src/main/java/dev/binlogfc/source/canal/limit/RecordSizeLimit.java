package dev.binlogfc.source.canal.limit;

import dev.binlogfc.common.util.Version;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a record larger than {@code max.bytes} with an error that says what to change; see {@link #OVERVIEW_DOC}. */
public final class RecordSizeLimit<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Stops a record whose key plus value exceed `max.bytes` before the"
            + " producer does, with an error naming the table (the record's topic), the key, the size and the"
            + " settings to raise: Connect then fails the task (`errors.tolerance=none`) or skips the record"
            + " (`all`), and either way the record is logged at ERROR first, so that it is never dropped silently."
            + " Smaller records pass on unchanged. Chain it last on a source connector, as the shipped source configs"
            + " do: `transforms.rowSize.type=dev.binlogfc.source.canal.limit.RecordSizeLimit`.";
    public static final String MAX_BYTES_CONFIG = "max.bytes";
    /** 16 MiB of row data plus room for the Canal JSON around it. */
    public static final int DEFAULT_MAX_BYTES = 17 * 1024 * 1024;
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(MAX_BYTES_CONFIG, ConfigDef.Type.INT, DEFAULT_MAX_BYTES, ConfigDef.Range.atLeast(1024),
                    ConfigDef.Importance.HIGH, "Most bytes of a record's key plus value as the converter writes them"
                            + " (exact for String and byte[] forms, JSON text otherwise); a larger record fails the"
                            + " task or is skipped as errors.tolerance says, with an error naming table, key and size;"
                            + " keep it below producer.override.max.request.size and the topics' max.message.bytes.",
                    "Size limit", 1, ConfigDef.Width.SHORT, "Max record bytes");

    private static final Logger LOG = LoggerFactory.getLogger(RecordSizeLimit.class);
    private static final int KEY_TEXT_LIMIT = 256;

    private int maxBytes;

    @Override
    public void configure(Map<String, ?> configs) {
        maxBytes = new AbstractConfig(CONFIG_DEF, configs).getInt(MAX_BYTES_CONFIG);
    }

    @Override
    public R apply(R record) {
        long size = SerializedSize.of(record.key()) + SerializedSize.of(record.value());
        if (size <= maxBytes) {
            return record;
        }
        String message = "The record of table " + record.topic() + " with key " + keyText(record.key()) + " is "
                + size + " bytes, more than the " + maxBytes + " bytes of transforms.<name>." + MAX_BYTES_CONFIG
                + " (" + getClass().getSimpleName() + "); raise it together with producer.override.max.request.size,"
                + " topic.creation.default.max.message.bytes (or the topic's max.message.bytes) and the sink's"
                + " consumer.override.max.partition.fetch.bytes and batch.max.bytes, or leave the row out";
        LOG.error(message);
        throw new DataException(message);
    }

    private static String keyText(Object key) {
        String text = String.valueOf(key);
        return text.length() <= KEY_TEXT_LIMIT ? text : text.substring(0, KEY_TEXT_LIMIT) + "...";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** The source plugin's version. */
    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
