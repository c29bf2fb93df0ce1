package dev.binlogfc.sink.fc;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the records a task holds below buffer.max.records: above it, consumption of all assigned partitions is
 * paused (the consumer keeps polling, so the task stays in its group however long the function is down) and
 * resumed once deliveries brought the buffer below the limit again.
 */
final class Backpressure {

    private static final Logger log = LoggerFactory.getLogger(Backpressure.class);
    /** How soon Connect calls put again while consumption is paused, to notice that deliveries caught up. */
    private static final long RECHECK_MILLIS = 100;

    private final SinkTaskContext context;
    private final int maxBufferedRecords;
    private boolean paused;

    Backpressure(SinkTaskContext context, int maxBufferedRecords) {
        this.context = context;
        this.maxBufferedRecords = maxBufferedRecords;
    }

    /** Called from every put with the records still undelivered. */
    void update(int bufferedRecords) {
        if (bufferedRecords >= maxBufferedRecords) {
            if (!paused) {
                log.debug("{} records await delivery (buffer.max.records={}); pausing consumption", bufferedRecords,
                    maxBufferedRecords);
                context.pause(context.assignment().toArray(TopicPartition[]::new));
                paused = true;
            }
            context.timeout(RECHECK_MILLIS);
        } else if (paused) {
            log.debug("{} records await delivery; resuming consumption", bufferedRecords);
            context.resume(context.assignment().toArray(TopicPartition[]::new));
            paused = false;
        }
    }
}
