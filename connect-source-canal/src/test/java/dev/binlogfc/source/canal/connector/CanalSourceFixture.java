package dev.binlogfc.source.canal.connector;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.db.MariaDbServer;

/** Canal source connector configs as a user writes them, each with its own name, topic prefix and client id. */
final class CanalSourceFixture {

    static final String CONNECTOR = CanalSourceConnector.class.getName();
    static final String ACCOUNT = "canal";
    static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    private final AtomicInteger connectors = new AtomicInteger();
    private final ConnectStack connect;
    private final String namePrefix;

    /** @param namePrefix tells this test's connectors and topics apart from other tests' in the same cluster */
    CanalSourceFixture(ConnectStack connect, String namePrefix) {
        this.connect = connect;
        this.namePrefix = namePrefix;
    }

    /** A database holding a keyed table, and the connector's account with what Debezium and the precheck need. */
    static void prepare(MariaDbServer server) {
        server.execute("CREATE DATABASE shop", "CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(20))");
        server.createUser(ACCOUNT, ACCOUNT, "SELECT", "RELOAD", "SHOW DATABASES", "SHOW VIEW", "LOCK TABLES",
                "REPLICATION SLAVE", "BINLOG MONITOR");
    }

    /** Reads the topic from the start until a record holds {@code text}; fails after {@code within}. */
    void awaitRecord(String topic, String text, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (connect.topics().consumeStrings(topic, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                    .anyMatch(record -> record.value() != null && record.value().contains(text))) {
                return;
            }
        }
        throw new AssertionError("no record holding " + text + " arrived on " + topic + " within " + within);
    }

    /** A complete config for {@code server} with JSON converters, plus {@code keyValues}; its "name" is the name. */
    Map<String, String> config(MariaDbServer server, String... keyValues) {
        int number = connectors.incrementAndGet();
        String prefix = namePrefix + number;
        Map<String, String> config = new HashMap<>();
        config.put("name", "canal-source-" + prefix);
        config.put("connector.class", CONNECTOR);
        config.put("tasks.max", "1");
        config.put("source.type", "mariadb");
        config.put("database.hostname", server.host());
        config.put("database.port", Integer.toString(server.port()));
        config.put("database.user", ACCOUNT);
        config.put("database.password", ACCOUNT);
        config.put("database.server.id", Integer.toString(5400 + number));
        config.put("topic.prefix", prefix);
        config.put("schema.history.internal.kafka.bootstrap.servers", connect.bootstrapServers());
        config.put("schema.history.internal.kafka.topic", prefix + ".schema-history");
        config.put("key.converter", JSON_CONVERTER);
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", JSON_CONVERTER);
        config.put("value.converter.schemas.enable", "false");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }
}
