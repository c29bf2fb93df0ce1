package dev.binlogfc.etl.record;

import dev.binlogfc.common.util.Version;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * The common part of the ETL transforms: reads the Canal record from the value in either form, hands it to
 * {@link #transform}, and turns shape errors into a {@link DataException} naming the record and what to configure.
 * Tombstones (null values) carry no Canal record and pass through unchanged.
 */
public abstract class CanalRecordTransformation<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    /** Where the ETL transforms run and which values they read; the end of each transform's overview. */
    public static final String RECORD_FORMS_DOC = "It runs on a source connector after the Canal SMT (the value is"
            + " a map, or its JSON text with `value.form=json`) or on a sink connector with `value.converter`"
            + " ByteArrayConverter or StringConverter (the value is the Canal JSON), and writes an edited record back"
            + " in the form it came in. Tombstones pass through unchanged; any other value fails the task with an"
            + " error naming the record and the converter to use.";

    @Override
    public final R apply(R record) {
        if (record.value() == null) {
            return record;
        }
        try {
            return transform(record, CanalValue.read(record.value()));
        } catch (IllegalArgumentException e) {
            throw new DataException(getClass().getSimpleName() + " cannot handle the record at " + position(record)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the record to pass on (the same one if unchanged), or null to drop it. Throws
     * {@link IllegalArgumentException} for a record it cannot handle.
     */
    protected abstract R transform(R record, CanalValue value);

    /** The record with the edited Canal record as its value, in the original form, on {@code topic}. */
    protected static <R extends ConnectRecord<R>> R withValue(R record, String topic, CanalValue value,
                                                              CanalRecord edited) {
        // A partition chosen for the old topic means nothing on another topic.
        Integer partition = topic.equals(record.topic()) ? record.kafkaPartition() : null;
        return record.newRecord(topic, partition, record.keySchema(), record.key(), record.valueSchema(),
                value.write(edited), record.timestamp(), record.headers());
    }

    /** The smt-etl plugin's version. */
    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {
    }

    private static String position(ConnectRecord<?> record) {
        String topicPartition = "topic " + record.topic()
                + (record.kafkaPartition() == null ? "" : " partition " + record.kafkaPartition());
        return record instanceof SinkRecord sink ? topicPartition + " offset " + sink.kafkaOffset() : topicPartition;
    }
}
