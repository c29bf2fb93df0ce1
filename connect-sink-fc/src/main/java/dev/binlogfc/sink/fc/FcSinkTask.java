package dev.binlogfc.sink.fc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.binlogfc.sink.fc.batch.Batch;
import dev.binlogfc.sink.fc.batch.BatchLimits;
import dev.binlogfc.sink.fc.batch.Batcher;
import dev.binlogfc.sink.fc.config.FcSinkConfig;
import dev.binlogfc.sink.fc.delivery.Backoff;
import dev.binlogfc.sink.fc.delivery.DeliveredOffsets;
import dev.binlogfc.sink.fc.delivery.FailureClass;
import dev.binlogfc.sink.fc.delivery.InvocationOutcome;
import dev.binlogfc.sink.fc.delivery.OutcomeClassifier;
import dev.binlogfc.sink.fc.delivery.RetryTracker;
import dev.binlogfc.sink.fc.invoke.FcInvoker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each put's records, in order, as {"Records":[...]} batches to one FC function, one call at a time.
 *
 * <p>A retryable failure does not block: the task asks Connect to hand the same records over again after a
 * backoff ({@code context.timeout} and {@link RetriableException}), skips on redelivery what it already delivered,
 * and fails once the failure's retry window has passed since its first occurrence. Only delivered offsets are
 * committed.
 */
public class FcSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(FcSinkTask.class);

    private final Clock clock;
    private final RandomGenerator random;
    private final ObjectMapper json = new ObjectMapper();
    private final DeliveredOffsets delivered = new DeliveredOffsets();
    private FcSinkConfig config;
    private FcInvoker invoker;
    private OutcomeClassifier classifier;
    private RetryTracker retries;

    public FcSinkTask() {
        this(Clock.systemUTC(), new SplittableRandom());
    }

    /** For tests: {@code clock} drives the retry windows, backoff deadlines and the {@code ts} of records. */
    FcSinkTask(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new FcSinkConfig(props);
        invoker = new FcInvoker(config.function(), config.credentials(), config.connectTimeout(),
            config.responseTimeout());
        classifier = new OutcomeClassifier(config.function());
        retries = new RetryTracker(config.connectionRetryWindow(), config.otherRetryWindow(),
            new Backoff(config.backoffInitial(), config.backoffMax(), random));
        log.info("Delivering to {} in batches of at most {} records and {} bytes", config.function(),
            config.batchLimits().maxRecords(), config.batchLimits().maxBytes());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<SinkRecord> pending = delivered.undelivered(records);
        if (pending.isEmpty()) {
            return;
        }
        Optional<Duration> wait = retries.timeUntilNextAttempt(clock.instant());
        if (wait.isPresent()) {
            // Connect may hand the records back before the requested timeout (e.g. when an offset commit is due).
            log.debug("Retry of {} is due in {} ms; asking Connect to wait", config.function(), wait.get().toMillis());
            context.timeout(wait.get().toMillis());
            throw new RetriableException("waiting " + wait.get().toMillis() + " ms before retrying "
                + config.function());
        }
        BatchLimits limits = config.batchLimits();
        Batcher batcher = new Batcher(pending, limits, json);
        while (batcher.hasNext()) {
            Batch batch = batcher.next(clock.millis());
            if (batch.needsInvocation()) {
                deliver(batch);
            }
            delivered.markDelivered(batch.records());
        }
    }

    private void deliver(Batch batch) {
        InvocationOutcome outcome;
        try {
            outcome = classifier.classify(invoker.invoke(batch.body()));
        } catch (IOException e) {
            outcome = classifier.classify(e);
        }
        if (outcome instanceof InvocationOutcome.Delivered success) {
            retries.onSuccess();
            log.debug("Delivered {} records ({} bytes) to {}, request id {}", batch.payloadCount(),
                batch.body().length, config.function(), success.requestId());
        } else if (outcome instanceof InvocationOutcome.Fatal fatal) {
            throw new ConnectException(fatal.reason());
        } else {
            scheduleRetry((InvocationOutcome.Retryable) outcome, batch);
        }
    }

    private void scheduleRetry(InvocationOutcome.Retryable failure, Batch batch) {
        RetryTracker.Decision decision = retries.onFailure(failure.failureClass(), failure.retryAfter(),
            clock.instant());
        if (decision instanceof RetryTracker.GiveUp giveUp) {
            throw new ConnectException(config.function() + " has been failing for " + giveUp.failingFor().toMinutes()
                + " minutes, reaching " + windowSetting(failure.failureClass()) + "=" + giveUp.window().toMinutes()
                + "; giving up. Last answer: " + failure.answer());
        }
        RetryTracker.RetryIn retry = (RetryTracker.RetryIn) decision;
        log.warn("Invoking {} with {} records failed ({} failure, failing for {} s): {}; retrying in {} ms. Body: {}",
            config.function(), batch.payloadCount(), failure.failureClass(), retry.failingFor().toSeconds(),
            failure.answer(), retry.delay().toMillis(), failure.bodyExcerpt());
        context.timeout(retry.delay().toMillis());
        throw new RetriableException("invoking " + config.function() + " failed: " + failure.answer());
    }

    private static String windowSetting(FailureClass failureClass) {
        return failureClass == FailureClass.CONNECTION
            ? FcSinkConfig.RETRY_CONNECTION_MINUTES : FcSinkConfig.RETRY_OTHER_MINUTES;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return delivered.committable(currentOffsets.keySet());
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        delivered.forget(partitions);
    }

    @Override
    public void stop() {
        if (invoker != null) {
            invoker.close();
        }
    }
}
