package dev.binlogfc.sink.fc.config;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.common.config.Recommenders;
import dev.binlogfc.sink.fc.auth.AlibabaCredentialSource;
import dev.binlogfc.sink.fc.auth.CredentialSettings;
import dev.binlogfc.sink.fc.auth.CredentialsType;
import dev.binlogfc.sink.fc.batch.BatchLimits;
import dev.binlogfc.sink.fc.delivery.AnswerPolicy;
import dev.binlogfc.sink.fc.delivery.DeliveryOrder;
import dev.binlogfc.sink.fc.delivery.DeliverySettings;
import dev.binlogfc.sink.fc.delivery.RetryBudget;
import dev.binlogfc.sink.fc.invoke.Fc2Target;
import dev.binlogfc.sink.fc.invoke.Fc3Target;
import dev.binlogfc.sink.fc.invoke.FcFunction;
import dev.binlogfc.sink.fc.invoke.InvocationTarget;
import dev.binlogfc.sink.fc.invoke.InvocationType;
import dev.binlogfc.sink.fc.invoke.WebhookTarget;
import dev.binlogfc.sink.fc.net.HttpTransport;
import dev.binlogfc.sink.fc.throttle.ThrottleLimits;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Settings of the FC sink connector and its tasks. */
public final class FcSinkConfig extends AbstractConfig {

    public static final String TARGET_TYPE = "target.type";
    public static final String HTTP_URL = "http.url";
    public static final String HTTP_HEADERS = "http.headers";
    public static final String HTTP_BEARER_TOKEN = "http.bearer.token";
    public static final String ENDPOINT = "fc.endpoint";
    public static final String SERVICE_NAME = "fc.service.name";
    public static final String FUNCTION_NAME = "fc.function.name";
    public static final String QUALIFIER = "fc.qualifier";
    public static final String INVOCATION_TYPE = "fc.invocation.type";
    public static final String ACCESS_KEY_ID = "fc.access.key.id";
    public static final String ACCESS_KEY_SECRET = "fc.access.key.secret";
    public static final String SECURITY_TOKEN = "fc.security.token";
    public static final String CREDENTIALS_TYPE = CredentialConfig.CREDENTIALS_TYPE;
    public static final String BATCH_MAX_RECORDS = "batch.max.records";
    public static final String BATCH_MAX_BYTES = DeliverySettings.BATCH_MAX_BYTES;
    public static final String BATCH_LINGER_MS = "batch.linger.ms";
    public static final String MAX_CONCURRENT_INVOCATIONS = "max.concurrent.invocations";
    public static final String BUFFER_MAX_RECORDS = "buffer.max.records";
    public static final String DELIVERY_ORDER = "delivery.order";
    public static final String MAX_IN_FLIGHT_BATCHES_PER_PARTITION = "max.in.flight.batches.per.partition";
    public static final String THROTTLE_INIT_RECORDS = "throttle.init.records.per.second";
    public static final String THROTTLE_INIT_MB = "throttle.init.mb.per.second";
    public static final String THROTTLE_INCREMENTAL_RECORDS = "throttle.incremental.records.per.second";
    public static final String THROTTLE_INCREMENTAL_MB = "throttle.incremental.mb.per.second";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_RESPONSE_TIMEOUT_MS = "http.response.timeout.ms";
    public static final String RETRY_CONNECTION_MINUTES = DeliverySettings.RETRY_CONNECTION_MINUTES;
    public static final String RETRY_OTHER_MINUTES = DeliverySettings.RETRY_OTHER_MINUTES;
    public static final String RETRY_BACKOFF_INITIAL_MS = "retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String RETRY_MAX_ATTEMPTS = DeliverySettings.RETRY_MAX_ATTEMPTS;
    public static final String RETRY_MAX_RECORD_AGE_SECONDS = DeliverySettings.RETRY_MAX_RECORD_AGE_SECONDS;
    public static final String REPORT_BATCH_ITEM_FAILURES = DeliverySettings.REPORT_BATCH_ITEM_FAILURES;
    public static final String HTTP_BATCH_FAILURE_STATUSES = "http.batch.failure.statuses";
    public static final String HEARTBEAT_TOPIC_PREFIX = "heartbeat.topic.prefix";
    /** Connect's own settings, read to decide what happens to a record the function rejects. */
    public static final String ERRORS_TOLERANCE = "errors.tolerance";
    public static final String DEAD_LETTER_QUEUE_TOPIC = "errors.deadletterqueue.topic.name";

    private static final String TARGET_GROUP = "Target";
    private static final String FUNCTION_GROUP = "Function Compute";
    private static final String CREDENTIALS_GROUP = "Credentials";
    private static final String BATCH_GROUP = "Batching";
    private static final String HTTP_GROUP = "HTTP";
    private static final String RETRY_GROUP = "Retries";
    private static final String THROTTLE_GROUP = "Throttling";

    /** FC's rule for service and function names. */
    private static final Pattern FC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,127}");
    private static final Pattern QUALIFIER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final String FC_NAME_RULE = "1 to 128 letters, digits, '_' or '-', not starting with a digit or '-'";

    private static final EnumChoice<TargetType> TARGET_TYPES = EnumChoice.of(TargetType.class);
    private static final EnumChoice<InvocationType> INVOCATION_TYPES = EnumChoice.of(InvocationType.class);
    private static final EnumChoice<DeliveryOrder> DELIVERY_ORDERS = EnumChoice.of(DeliveryOrder.class);
    /** Whether the parsed settings send to Function Compute, where the fc.* settings apply. */
    static final Predicate<Map<String, Object>> FC_TARGET = TARGET_TYPES.when(TARGET_TYPE, TargetType.FC2,
        TargetType.FC3);
    private static final ConfigDef.Recommender FC_ONLY = Recommenders.visibleWhen(FC_TARGET);
    static final Predicate<Map<String, Object>> FC2_TARGET = TARGET_TYPES.when(TARGET_TYPE, TargetType.FC2);
    private static final ConfigDef.Recommender FC2_ONLY = Recommenders.visibleWhen(FC2_TARGET);
    static final Predicate<Map<String, Object>> HTTP_TARGET = TARGET_TYPES.when(TARGET_TYPE, TargetType.HTTP);
    private static final ConfigDef.Recommender HTTP_ONLY = Recommenders.visibleWhen(HTTP_TARGET);
    /** The settings that apply to some target types only: Connect shows them as target.type decides. */
    private static final List<String> TARGET_DEPENDENTS = Stream.concat(Stream.of(HTTP_URL, HTTP_HEADERS,
            HTTP_BEARER_TOKEN, HTTP_BATCH_FAILURE_STATUSES, NetworkConfig.SECRET_HEADERS, ENDPOINT, SERVICE_NAME,
            FUNCTION_NAME, QUALIFIER, INVOCATION_TYPE, ACCESS_KEY_ID, ACCESS_KEY_SECRET, SECURITY_TOKEN),
        CredentialConfig.KEYS.stream()).toList();

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(TARGET_TYPE, Type.STRING, TargetType.FC2.value(), TARGET_TYPES.validator(), Importance.HIGH,
            "Where batches go: fc2 (Function Compute 2.0, the DTS target), fc3 (Function Compute 3.0) or http (any"
                + " HTTP(S) endpoint taking a JSON POST).",
            TARGET_GROUP, 1, Width.SHORT, "Target type", TARGET_DEPENDENTS, TARGET_TYPES.recommender())
        .define(HTTP_URL, Type.STRING, null, Validators.optional(Validators.httpUrl()), Importance.HIGH,
            "URL the batches are POSTed to with target.type=http (a webhook, a function URL, an API gateway).",
            TARGET_GROUP, 2, Width.LONG, "HTTP URL", List.of(), HTTP_ONLY)
        .define(HTTP_HEADERS, Type.LIST, "", Validators.headerList(), Importance.LOW,
            "Extra headers sent with every batch with target.type=http, as comma-separated 'Name: Value' entries.",
            TARGET_GROUP, 3, Width.LONG, "HTTP headers", List.of(), HTTP_ONLY)
        .define(HTTP_BEARER_TOKEN, Type.PASSWORD, null, Validators.nonBlankPassword(true), Importance.MEDIUM,
            "Token sent as 'Authorization: Bearer <token>' with target.type=http; never logged.",
            TARGET_GROUP, 4, Width.LONG, "HTTP bearer token", List.of(), HTTP_ONLY)
        .define(HTTP_BATCH_FAILURE_STATUSES, Type.LIST, "400,422", Validators.batchFailureStatuses(),
            Importance.LOW, "HTTP statuses with which a target.type=http endpoint rejects a batch because of its"
                + " records (retried like function errors, then isolated); any other 4xx but 408, 413 and 429"
                + " stops the task at once.",
            TARGET_GROUP, 5, Width.SHORT, "HTTP batch failure statuses", List.of(), HTTP_ONLY)
        .define(ENDPOINT, Type.STRING, null, Validators.optional(Validators.endpointUrl()), Importance.HIGH,
            "Base URL of the Function Compute API, https://<accountId>.<region>.fc.aliyuncs.com (or"
                + " <region>-internal for VPC access; http only for local test endpoints); required for fc2 and fc3.",
            FUNCTION_GROUP, 1, Width.LONG, "FC endpoint", List.of(), FC_ONLY)
        .define(SERVICE_NAME, Type.STRING, null, Validators.optional(Validators.matching(FC_NAME, FC_NAME_RULE)),
            Importance.HIGH, "Name of the FC 2.0 service that holds the function; required for fc2.",
            FUNCTION_GROUP, 2, Width.MEDIUM, "Service name", List.of(), FC2_ONLY)
        .define(FUNCTION_NAME, Type.STRING, null, Validators.optional(Validators.matching(FC_NAME, FC_NAME_RULE)),
            Importance.HIGH, "Name of the function that receives the {\"Records\":[...]} batches; required for fc2"
                + " and fc3.",
            FUNCTION_GROUP, 3, Width.MEDIUM, "Function name", List.of(), FC_ONLY)
        .define(QUALIFIER, Type.STRING, "LATEST",
            Validators.matching(QUALIFIER_NAME, "1 to 128 letters, digits, '_' or '-'"), Importance.MEDIUM,
            "Version or alias to invoke: of the service with fc2, of the function with fc3.",
            FUNCTION_GROUP, 4, Width.SHORT, "Qualifier", List.of(), FC_ONLY)
        .define(INVOCATION_TYPE, Type.STRING, InvocationType.SYNC.value(), INVOCATION_TYPES.validator(),
            Importance.MEDIUM, "sync waits for the function's result and retries its errors; async returns once FC"
                + " has queued the batch (FC then runs and retries the function itself, bodies limited to 128 KB).",
            FUNCTION_GROUP, 5, Width.SHORT, "Invocation type", List.of(),
            INVOCATION_TYPES.recommender(FC_TARGET))
        .define(ACCESS_KEY_ID, Type.STRING, null, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "AccessKey ID that signs the invocations (a RAM user's, or a temporary STS one together"
                + " with fc.security.token), or with fc.credentials.type=ram-role-arn the one that assumes the"
                + " role; required for fc2 and fc3 with access-key and ram-role-arn.",
            CREDENTIALS_GROUP, 1, Width.MEDIUM, "AccessKey ID", List.of(),
            CredentialConfig.usedBy(CredentialsType.ACCESS_KEY, CredentialsType.RAM_ROLE_ARN))
        .define(ACCESS_KEY_SECRET, Type.PASSWORD, null, Validators.nonBlankPassword(true),
            Importance.HIGH, "AccessKey secret of fc.access.key.id; never logged; required with it.",
            CREDENTIALS_GROUP, 2, Width.MEDIUM, "AccessKey secret", List.of(),
            CredentialConfig.usedBy(CredentialsType.ACCESS_KEY, CredentialsType.RAM_ROLE_ARN))
        .define(SECURITY_TOKEN, Type.PASSWORD, null, Validators.nonBlankPassword(true), Importance.MEDIUM,
            "STS security token of a temporary AccessKey (sent as x-fc-security-token with fc2,"
                + " x-acs-security-token with fc3); leave out otherwise.",
            CREDENTIALS_GROUP, 3, Width.LONG, "STS security token", List.of(),
            CredentialConfig.usedBy(CredentialsType.ACCESS_KEY))
        .define(BATCH_MAX_RECORDS, Type.INT, 2000, Range.atLeast(1), Importance.MEDIUM,
            "Most records sent in one invocation; a batch takes what is waiting when the previous one of its"
                + " partition is done, so batches stay small under live load and fill up during a full copy or"
                + " catch-up, where fewer, larger invocations keep a partition's one-at-a-time delivery fast.",
            BATCH_GROUP, 1, Width.SHORT, "Max records per batch")
        .define(BATCH_MAX_BYTES, Type.INT, 5 * 1024 * 1024,
            Range.between(1024, InvocationType.SYNC.maxRequestBytes()), Importance.MEDIUM,
            "Most bytes in one invocation's request body; a single larger record goes to the dead-letter queue"
                + " (errors.tolerance=all) or fails the task, and with fc.invocation.type=async it must not exceed"
                + " FC's 131072-byte limit.",
            BATCH_GROUP, 2, Width.SHORT, "Max bytes per batch")
        .define(BATCH_LINGER_MS, Type.INT, 0, Range.between(0, 600_000), Importance.MEDIUM,
            "Milliseconds a partition's records may wait for more records before a batch that is not full is"
                + " sent (0 sends at once).",
            BATCH_GROUP, 3, Width.SHORT, "Batch linger (ms)")
        .define(MAX_CONCURRENT_INVOCATIONS, Type.INT, 4, Range.between(1, 256), Importance.MEDIUM,
            "Most invocations one task runs at the same time; under delivery.order=partition each is for a"
                + " different topic partition.",
            BATCH_GROUP, 4, Width.SHORT, "Max concurrent invocations")
        .define(DELIVERY_ORDER, Type.STRING, DeliveryOrder.PARTITION.value(), DELIVERY_ORDERS.validator(),
            Importance.MEDIUM,
            "partition: one batch per partition in flight, records arrive in offset order; key: several batches"
                + " per partition in flight, none sharing a primary key with another and a DDL waiting for its"
                + " table, so each row's changes (both keys of a key-changing UPDATE) arrive in offset order.",
            BATCH_GROUP, 5, Width.SHORT, "Delivery order",
            List.of(MAX_IN_FLIGHT_BATCHES_PER_PARTITION), DELIVERY_ORDERS.recommender())
        .define(MAX_IN_FLIGHT_BATCHES_PER_PARTITION, Type.INT, 4, Range.between(1, 256), Importance.MEDIUM,
            "Most batches of one partition in flight at the same time under delivery.order=key (each holds its"
                + " request body in memory); partition order always has one.",
            BATCH_GROUP, 6, Width.SHORT, "Max in-flight batches per partition", List.of(),
            Recommenders.visibleWhen(DELIVERY_ORDERS.when(DELIVERY_ORDER, DeliveryOrder.KEY)))
        .define(BUFFER_MAX_RECORDS, Type.INT, 20_000, Range.between(1, 10_000_000), Importance.LOW,
            "Most records a task holds that are not yet delivered; above it the task pauses consumption until"
                + " deliveries catch up.",
            BATCH_GROUP, 7, Width.SHORT, "Max buffered records")
        .define(HEARTBEAT_TOPIC_PREFIX, Type.STRING, "__debezium-heartbeat", new ConfigDef.NonNullValidator(),
            Importance.LOW, "Records of topics whose name starts with this (Debezium's topic.heartbeat.prefix) are"
                + " heartbeats, never sent to the function but kept as markers that hold sync-latency-ms true on an"
                + " idle database when the heartbeat topic is among the sink's topics; empty: none.",
            BATCH_GROUP, 8, Width.MEDIUM, "Heartbeat topic prefix")
        .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
            "Milliseconds allowed to open a connection to FC.",
            HTTP_GROUP, 1, Width.SHORT, "Connect timeout (ms)")
        .define(HTTP_RESPONSE_TIMEOUT_MS, Type.INT, 600_000, Range.atLeast(1), Importance.MEDIUM,
            "Milliseconds allowed for FC's answer; keep it above the function's timeout or slow invocations are"
                + " sent again while they still run.",
            HTTP_GROUP, 2, Width.SHORT, "Response timeout (ms)")
        .define(RETRY_CONNECTION_MINUTES, Type.INT, 720, Range.between(10, 1440), Importance.MEDIUM,
            "Minutes, counted from the first failure, that connection failures (refused, reset, timeout, DNS,"
                + " HTTP 502/503/504) are retried before the task fails.",
            RETRY_GROUP, 1, Width.SHORT, "Connection retry window (min)")
        .define(RETRY_OTHER_MINUTES, Type.INT, 10, Range.between(1, 1440), Importance.MEDIUM,
            "Minutes, counted from the first failure, that function errors, throttling (429) and other 5xx"
                + " answers are retried before the task fails; must be shorter than retry.connection.minutes.",
            RETRY_GROUP, 2, Width.SHORT, "Other retry window (min)")
        .define(RETRY_BACKOFF_INITIAL_MS, Type.INT, 1_000, Range.between(1, 3_600_000), Importance.LOW,
            "Milliseconds to wait before the first retry; the wait doubles with each further failure, with jitter.",
            RETRY_GROUP, 3, Width.SHORT, "Initial backoff (ms)")
        .define(RETRY_BACKOFF_MAX_MS, Type.INT, 60_000, Range.between(1, 3_600_000), Importance.LOW,
            "Longest wait in milliseconds between two attempts (a longer Retry-After from FC is honoured).",
            RETRY_GROUP, 4, Width.SHORT, "Max backoff (ms)")
        .define(RETRY_MAX_ATTEMPTS, Type.INT, -1, Validators.unlimitedOrBetween(1, 10_000), Importance.MEDIUM,
            "Most attempts at a batch the function rejects (function error, a webhook's 5xx or"
                + " http.batch.failure.statuses answer, or failed items) before its rejected records are isolated;"
                + " -1 means only"
                + " retry.other.minutes limits them.",
            RETRY_GROUP, 5, Width.SHORT, "Max attempts")
        .define(RETRY_MAX_RECORD_AGE_SECONDS, Type.INT, -1, Validators.unlimitedOrBetween(1, 604_800),
            Importance.LOW, "Once the oldest record of a batch the function rejects is older than this many seconds"
                + " (by its Kafka timestamp), its retries end as with retry.max.attempts; -1 means no limit.",
            RETRY_GROUP, 6, Width.SHORT, "Max record age (s)")
        .define(REPORT_BATCH_ITEM_FAILURES, Type.BOOLEAN, false, Validators.trueOrFalse(), Importance.MEDIUM,
            "Whether the function answers a batch with the Canal ids it could not process, as"
                + " {\"batchItemFailures\":[{\"itemIdentifier\":\"<id>\"}]} (an empty body or list: all processed);"
                + " the records from the first failed one of a batch on are sent again, and any other answer is an"
                + " error.",
            RETRY_GROUP, 7, Width.SHORT, "Report batch item failures")
        .define(THROTTLE_INIT_RECORDS, Type.DOUBLE, 0.0, Range.between(0, 1e9), Importance.LOW,
            "Most full-copy (type INIT) records per second one task sends; 0 means unlimited.",
            THROTTLE_GROUP, 1, Width.SHORT, "INIT records/s")
        .define(THROTTLE_INIT_MB, Type.DOUBLE, 0.0, Range.between(0, 1e6), Importance.LOW,
            "Most MB (1048576 bytes of JSON) of full-copy (type INIT) records per second one task sends; 0 means"
                + " unlimited.",
            THROTTLE_GROUP, 2, Width.SHORT, "INIT MB/s")
        .define(THROTTLE_INCREMENTAL_RECORDS, Type.DOUBLE, 0.0, Range.between(0, 1e9), Importance.LOW,
            "Most incremental (all but INIT) records per second one task sends; 0 means unlimited.",
            THROTTLE_GROUP, 3, Width.SHORT, "Incremental records/s")
        .define(THROTTLE_INCREMENTAL_MB, Type.DOUBLE, 0.0, Range.between(0, 1e6), Importance.LOW,
            "Most MB (1048576 bytes of JSON) of incremental (all but INIT) records per second one task sends; 0"
                + " means unlimited.",
            THROTTLE_GROUP, 4, Width.SHORT, "Incremental MB/s");

    static {
        // Where credentials come from and how connections are made, each defined beside the code that reads it.
        CredentialConfig.define(CONFIG_DEF, 4);
        NetworkConfig.define(CONFIG_DEF);
    }

    private final TargetType targetType;
    private final InvocationType invocationType;
    private final DeliveryOrder deliveryOrder;
    private final CredentialsType credentialsType;

    public FcSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        consistencyViolations(values()).entrySet().stream().findFirst().ifPresent(violation -> {
            throw new ConfigException(violation.getKey(), get(violation.getKey()), violation.getValue());
        });
        // Parsed once, so that a deprecated spelling is reported once per configuration.
        targetType = TARGET_TYPES.parse(TARGET_TYPE, getString(TARGET_TYPE));
        invocationType = INVOCATION_TYPES.parse(INVOCATION_TYPE, getString(INVOCATION_TYPE));
        deliveryOrder = DELIVERY_ORDERS.parse(DELIVERY_ORDER, getString(DELIVERY_ORDER));
        credentialsType = CredentialConfig.parseType(this);
    }

    /**
     * Rules that involve more than one setting, by the setting to blame. {@code values} holds parsed values;
     * a rule whose settings are absent (e.g. invalid on their own) is skipped.
     */
    public static Map<String, String> consistencyViolations(Map<String, ?> values) {
        Map<String, String> violations = new LinkedHashMap<>();
        TARGET_TYPES.find(values.get(TARGET_TYPE)).ifPresent(target -> {
            for (String required : target.requiredSettings()) {
                if (values.containsKey(required) && values.get(required) == null) {
                    violations.put(required, required + " is required with " + TARGET_TYPE + "=" + target.value());
                }
            }
            if (target != TargetType.HTTP) {
                CredentialConfig.type(values).ifPresent(credentials -> {
                    for (String required : CredentialConfig.requiredSettings(credentials)) {
                        if (values.containsKey(required) && values.get(required) == null) {
                            violations.putIfAbsent(required, required + " is required with "
                                + CredentialConfig.CREDENTIALS_TYPE + "=" + credentials.value());
                        }
                    }
                });
            }
        });
        NetworkConfig.checkConsistency(values, violations);
        if (values.get(RETRY_OTHER_MINUTES) instanceof Integer other
            && values.get(RETRY_CONNECTION_MINUTES) instanceof Integer connection && other >= connection) {
            violations.put(RETRY_OTHER_MINUTES, RETRY_OTHER_MINUTES + " (" + other + ") must be shorter than "
                + RETRY_CONNECTION_MINUTES + " (" + connection + "): failing functions should stop the task"
                + " before connection outages do");
        }
        if (values.get(BATCH_MAX_BYTES) instanceof Integer maxBytes && invokesFcAsynchronously(values)
            && maxBytes > InvocationType.ASYNC.maxRequestBytes()) {
            violations.put(BATCH_MAX_BYTES, BATCH_MAX_BYTES + " (" + maxBytes + ") exceeds FC's "
                + InvocationType.ASYNC.maxRequestBytes() + "-byte request limit for Async invocations; lower it or"
                + " use " + INVOCATION_TYPE + "=sync");
        }
        if (Boolean.TRUE.equals(values.get(REPORT_BATCH_ITEM_FAILURES)) && invokesFcAsynchronously(values)) {
            violations.put(REPORT_BATCH_ITEM_FAILURES, REPORT_BATCH_ITEM_FAILURES + "=true needs " + INVOCATION_TYPE
                + "=sync: FC answers an async invocation before the function runs, so it cannot name failed items");
        }
        if (values.get(RETRY_BACKOFF_INITIAL_MS) instanceof Integer initial
            && values.get(RETRY_BACKOFF_MAX_MS) instanceof Integer max && initial > max) {
            violations.put(RETRY_BACKOFF_INITIAL_MS, RETRY_BACKOFF_INITIAL_MS + " (" + initial
                + ") must not exceed " + RETRY_BACKOFF_MAX_MS + " (" + max + ")");
        }
        return violations;
    }

    /** Whether parsed settings invoke an FC function asynchronously, where FC's tighter limits apply. */
    private static boolean invokesFcAsynchronously(Map<String, ?> values) {
        return INVOCATION_TYPES.find(values.get(INVOCATION_TYPE)).orElse(null) == InvocationType.ASYNC
            && TARGET_TYPES.find(values.get(TARGET_TYPE)).orElse(null) != TargetType.HTTP;
    }

    public TargetType targetType() {
        return targetType;
    }

    /** Where the batches go, as configured by target.type; FC targets fetch their credentials as configured. */
    public InvocationTarget target() {
        return switch (targetType()) {
            case FC2 -> new Fc2Target(function(), CredentialConfig.accountId(this, function().endpoint()),
                AlibabaCredentialSource.of(credentialSettings()));
            case FC3 -> new Fc3Target(URI.create(getString(ENDPOINT).trim()), getString(FUNCTION_NAME),
                getString(QUALIFIER), invocationType,
                AlibabaCredentialSource.of(credentialSettings()));
            case HTTP -> new WebhookTarget(URI.create(getString(HTTP_URL).trim()), httpHeaders(),
                Secrets.value(this, HTTP_BEARER_TOKEN));
        };
    }

    /** http.headers and then http.secret.headers, by name. */
    private Map<String, String> httpHeaders() {
        Map<String, String> headers = NetworkConfig.headerMap(getList(HTTP_HEADERS));
        headers.putAll(NetworkConfig.secretHeaders(this));
        return headers;
    }

    /** Where FC credentials come from (fc.credentials.type and the settings it uses). */
    public CredentialSettings credentialSettings() {
        return CredentialConfig.settings(this, credentialsType, connectTimeout());
    }

    /** The HTTP connections of {@code maxConnections} concurrent calls, with proxy and TLS as configured. */
    public HttpTransport transport(Duration responseTimeout, int maxConnections) {
        return NetworkConfig.transport(this, connectTimeout(), responseTimeout, maxConnections);
    }

    /** The FC 2.0 function (target.type=fc2). */
    public FcFunction function() {
        return new FcFunction(URI.create(getString(ENDPOINT).trim()), getString(SERVICE_NAME), getString(QUALIFIER),
            getString(FUNCTION_NAME), invocationType);
    }

    public BatchLimits batchLimits() {
        return new BatchLimits(getInt(BATCH_MAX_RECORDS), getInt(BATCH_MAX_BYTES));
    }

    public DeliverySettings deliverySettings() {
        return new DeliverySettings(batchLimits(), Duration.ofMillis(getInt(BATCH_LINGER_MS)),
            getInt(MAX_CONCURRENT_INVOCATIONS), deliveryOrder,
            getInt(MAX_IN_FLIGHT_BATCHES_PER_PARTITION), connectionRetryWindow(), otherRetryWindow(), backoffInitial(),
            backoffMax(), retryBudget());
    }

    public String heartbeatTopicPrefix() {
        return getString(HEARTBEAT_TOPIC_PREFIX);
    }

    public int bufferMaxRecords() {
        return getInt(BUFFER_MAX_RECORDS);
    }

    public ThrottleLimits initThrottle() {
        return new ThrottleLimits(getDouble(THROTTLE_INIT_RECORDS), getDouble(THROTTLE_INIT_MB));
    }

    public ThrottleLimits incrementalThrottle() {
        return new ThrottleLimits(getDouble(THROTTLE_INCREMENTAL_RECORDS), getDouble(THROTTLE_INCREMENTAL_MB));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
    }

    public Duration responseTimeout() {
        return Duration.ofMillis(getInt(HTTP_RESPONSE_TIMEOUT_MS));
    }

    public Duration connectionRetryWindow() {
        return Duration.ofMinutes(getInt(RETRY_CONNECTION_MINUTES));
    }

    public Duration otherRetryWindow() {
        return Duration.ofMinutes(getInt(RETRY_OTHER_MINUTES));
    }

    public Duration backoffInitial() {
        return Duration.ofMillis(getInt(RETRY_BACKOFF_INITIAL_MS));
    }

    /** When a batch the function rejects stops being retried as a whole. */
    public RetryBudget retryBudget() {
        int attempts = getInt(RETRY_MAX_ATTEMPTS);
        int ageSeconds = getInt(RETRY_MAX_RECORD_AGE_SECONDS);
        return new RetryBudget(attempts < 0 ? Integer.MAX_VALUE : attempts,
            ageSeconds < 0 ? null : Duration.ofSeconds(ageSeconds));
    }

    /** How the target's answers are read beyond FC's own errors. */
    public AnswerPolicy answerPolicy() {
        boolean webhook = targetType() == TargetType.HTTP;
        Set<Integer> batchFailureStatuses = !webhook ? Set.of()
            : getList(HTTP_BATCH_FAILURE_STATUSES).stream().map(status -> Integer.valueOf(status.trim()))
                .collect(Collectors.toUnmodifiableSet());
        return new AnswerPolicy(webhook, batchFailureStatuses, getBoolean(REPORT_BATCH_ITEM_FAILURES));
    }

    /**
     * Whether records the function rejects go to Connect's dead-letter queue: with errors.tolerance=all and a
     * dead-letter topic; otherwise such a record fails the task.
     */
    public boolean deadLettersRejectedRecords() {
        Map<String, String> connectSettings = originalsStrings();
        return "all".equals(connectSettings.getOrDefault(ERRORS_TOLERANCE, "none").trim())
            && !connectSettings.getOrDefault(DEAD_LETTER_QUEUE_TOPIC, "").isBlank();
    }

    public Duration backoffMax() {
        return Duration.ofMillis(getInt(RETRY_BACKOFF_MAX_MS));
    }
}
