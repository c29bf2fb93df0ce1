package dev.binlogfc.examples.function;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An event handler for Function Compute's Java runtime (handler
 * {@code dev.binlogfc.examples.function.ReplicaFunction::handleRequest}) that keeps a MySQL/MariaDB replica of the
 * source: it applies each {@code {"Records":[...]}} batch the sink delivers, in order, in one transaction, with
 * {@link ChangeApplier}. Applying a batch again changes nothing, so the sink's redeliveries are harmless. A batch
 * that cannot be applied fails the invocation, which makes the sink retry it; the answer is
 * {@code {"applied":<records>}}.
 */
public final class ReplicaFunction implements StreamRequestHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TargetDatabase target;
    private final ChangeApplier applier = new ChangeApplier();

    /** The constructor Function Compute calls: the target comes from the environment (see {@link TargetDatabase}). */
    public ReplicaFunction() {
        this(TargetDatabase.fromEnvironment(System.getenv()));
    }

    public ReplicaFunction(TargetDatabase target) {
        this.target = target;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<ChangeRecord> records = parse(JSON.readTree(input));
        try (Connection connection = target.connect()) {
            apply(connection, records);
        } catch (SQLException e) {
            throw new IOException("request " + context.getRequestId() + ": applying " + records.size()
                    + " records to " + target + " failed: " + e.getMessage(), e);
        }
        output.write(JSON.createObjectNode().put("applied", records.size()).toString().getBytes(StandardCharsets.UTF_8));
    }

    private void apply(Connection connection, List<ChangeRecord> records) throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (ChangeRecord record : records) {
                applier.apply(connection, record);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static List<ChangeRecord> parse(JsonNode event) {
        JsonNode array = event == null ? null : event.get("Records");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("the event must be a JSON object {\"Records\":[...]}, as the FC sink sends it");
        }
        List<ChangeRecord> records = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            records.add(ChangeRecord.from(array.get(i), i));
        }
        return records;
    }
}
