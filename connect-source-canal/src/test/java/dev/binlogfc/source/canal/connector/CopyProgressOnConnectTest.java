package dev.binlogfc.source.canal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import dev.binlogfc.teststack.connect.ConnectStack;
import dev.binlogfc.teststack.db.MariaDbServer;

/**
 * The full copy's progress metrics of a real Debezium snapshot, read from JMX as an exporter reads them: percent
 * rising against information_schema's estimate while the copy runs, and 100 with every row counted at its end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class CopyProgressOnConnectTest {

    private static final int ORDERS = 4_000;
    private static final int ITEMS = 300;
    private static final Duration COPY_TIMEOUT = Duration.ofSeconds(120);
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private ConnectStack connect;
    private MariaDbServer database;

    @BeforeAll
    void start() {
        connect = ConnectStack.start();
        database = MariaDbServer.start();
        CanalSourceFixture.prepare(database);
        database.execute("CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO shop.orders SELECT seq, CONCAT('item ', seq) FROM shop.seq_1_to_" + ORDERS,
                "INSERT INTO shop.items SELECT seq, 'x' FROM shop.seq_1_to_" + ITEMS,
                "ANALYZE TABLE shop.orders, shop.items");
    }

    @AfterAll
    void stop() {
        if (database != null) {
            database.close();
        }
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void percentRisesWhileCopyingAndReaches100WithEveryRowAtTheEnd() throws Exception {
        Map<String, String> config = new CanalSourceFixture(connect, "progress").config(database,
                "databases", "shop", "sync.types", "full,incremental", "throttle.init.rows.per.second", "1000",
                "max.batch.size", "200");
        String connector = config.get("name");
        connect.rest().createOrUpdate(connector, config);

        List<Double> seen = new ArrayList<>();
        long deadline = System.nanoTime() + COPY_TIMEOUT.toNanos();
        while (metric(connector, "shop.items", "copy-percent") != 100.0
                || metric(connector, "shop.orders", "copy-percent") != 100.0) {
            assertThat(System.nanoTime()).as("the copy to end within %s; percent seen %s", COPY_TIMEOUT, seen)
                    .isLessThan(deadline);
            double orders = metric(connector, "shop.orders", "copy-percent");
            if (!Double.isNaN(orders) && (seen.isEmpty() || seen.get(seen.size() - 1) != orders)) {
                seen.add(orders);
            }
            Thread.sleep(200);
        }

        System.out.println("copy-percent of shop.orders seen while copying: " + seen);
        assertThat(seen).as("percent of shop.orders while copying").anyMatch(percent -> percent > 0 && percent < 100);
        assertThat(seen).as("percent never falls").isSorted();
        for (String table : List.of("shop.orders", "shop.items")) {
            int rows = table.equals("shop.orders") ? ORDERS : ITEMS;
            assertThat(metric(connector, table, "copy-percent")).as(table).isEqualTo(100.0);
            assertThat(metric(connector, table, "copy-rows-copied")).as(table).isEqualTo(rows);
            assertThat(metric(connector, table, "copy-rows-estimated")).as(table).isEqualTo(rows);
            assertThat(metric(connector, table, "copy-eta-seconds")).as(table).isZero();
        }
        connect.rest().delete(connector);
    }

    /** The attribute of the task's plugin metrics bean for {@code table}; NaN while the bean does not exist. */
    private static double metric(String connector, String table, String name) throws Exception {
        Set<ObjectName> beans = JMX.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + connector
                + ",task=0,table=" + table), null);
        return beans.isEmpty() ? Double.NaN : ((Number) JMX.getAttribute(beans.iterator().next(), name)).doubleValue();
    }
}
