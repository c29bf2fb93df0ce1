package dev.binlogfc.examples.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.binlogfc.examples.ConnectorTemplate;
import dev.binlogfc.teststack.db.MariaDbServer;
import dev.binlogfc.teststack.fc.ReceivedBatch;
import java.util.List;
import java.util.Map;

/**
 * An ETL chain from the smt-etl archive on each side of the example connectors: the source masks {@code sex} after
 * the Canal SMT, the sink drops rows whose {@code age} is 12 (a JEXL expression) before delivery. With the sample
 * table and {@link #change} the function receives exactly {@link #EXPECTED}.
 */
final class EtlChain {

    static final String ROW_FILTER = "dev.binlogfc.etl.filter.RowFilter";
    static final String MASK_COLUMNS = "dev.binlogfc.etl.columns.MaskColumns";
    static final List<String> TRANSFORMS = List.of(ROW_FILTER, MASK_COLUMNS, "dev.binlogfc.etl.filter.OperationFilter",
            "dev.binlogfc.etl.columns.SelectColumns", "dev.binlogfc.etl.columns.RenameColumns",
            "dev.binlogfc.etl.route.RouteTables");

    /** The shipped source's size limit stays last, after the ETL transforms. */
    static final Map<String, String> SOURCE = Map.of(
            "transforms", "maskSex,rowSize",
            "transforms.maskSex.type", MASK_COLUMNS,
            "transforms.maskSex.columns", "sex",
            "transforms.maskSex.fixed.value", "-");
    static final Map<String, String> SINK = Map.of(
            "transforms", "notTwelve",
            "transforms.notTwelve.type", ROW_FILTER,
            "transforms.notTwelve.expression", "isDdl || data.age != '12'");

    /** xiaohong's snapshot row (age 12) is the one the sink drops; every row has {@code sex} masked. */
    static final List<String> EXPECTED = List.of("INIT xiaoming 10 -", "UPDATE xiaoming 11 -", "UPDATE xiaohong 13 -");

    private EtlChain() {
    }

    static ConnectorTemplate source(ConnectorTemplate example) {
        return example.with(SOURCE);
    }

    static ConnectorTemplate sink(ConnectorTemplate example) {
        return example.with(SINK);
    }

    /** Updates both rows of the sample table in {@code database}, after the snapshot. */
    static void change(MariaDbServer server, String database) {
        server.execute("UPDATE " + database + ".demoTable SET age = 11 WHERE name = 'xiaoming'",
                "UPDATE " + database + ".demoTable SET age = 13 WHERE name = 'xiaohong'");
    }

    /** The row changes of {@code database} in {@code batches} as "TYPE name age sex" (DDL left out). */
    static List<String> received(List<ReceivedBatch> batches, String database) {
        return batches.stream().flatMap(batch -> batch.records().stream())
                .filter(record -> record.get("database").asText().equals(database) && !record.path("isDdl").asBoolean())
                .map(EtlChain::describe)
                .toList();
    }

    private static String describe(JsonNode record) {
        JsonNode row = record.get("data").get(0);
        return record.get("type").asText() + " " + row.get("name").asText() + " " + row.get("age").asText() + " "
                + row.get("sex").asText();
    }
}
