package dev.binlogfc.source.canal.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.binlogfc.source.canal.config.CanalSourceConfig;
import dev.binlogfc.source.canal.config.SyncTypes;
import dev.binlogfc.source.canal.config.TableName;
import dev.binlogfc.source.canal.precheck.SourceSession;

/**
 * Has Debezium copy the tables that a config update added to a running task, with an incremental snapshot requested
 * through the signal table: Debezium reads the copy in chunks between watermarks it writes into the signal table and
 * drops from each chunk the rows the binlog changed meanwhile, so that a change is never overtaken by an older copy
 * of its row, while the changes of every table keep streaming.
 *
 * <p>A table is added when the selection the task starts with includes it and the selection of the committed offset
 * (see {@link ObjectSelection}) did not. As DTS does, only a task that copies existing rows ({@code full,incremental})
 * copies added tables; an {@code incremental} one delivers their changes only.
 */
final class AddedTables {

    static final String EXECUTE_SNAPSHOT = "execute-snapshot";

    private static final Logger LOG = LoggerFactory.getLogger(AddedTables.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNAL_ID_PREFIX = "binlogfc-";
    /** Hex digits of the signal id's hash: with the prefix, within the 42 characters of Debezium's id column. */
    private static final int SIGNAL_ID_HASH_LENGTH = 32;

    private AddedTables() {
    }

    /**
     * Requests the copy of the tables added since {@code committedOffset} was written; returns them.
     *
     * @param committedOffset Debezium's committed offset of this connector, null before its first commit
     */
    static List<TableName> requestCopy(CanalSourceConfig config, Map<String, String> debeziumProperties,
                                       ObjectSelection selection, Map<String, Object> committedOffset)
            throws SQLException {
        Optional<ObjectSelection> previous = ObjectSelection.fromOffset(committedOffset);
        if (previous.isEmpty() || previous.get().equals(selection) || initialCopyUnfinished(committedOffset)) {
            return List.of();
        }
        List<TableName> added;
        try (SourceSession session = SourceSession.open(config.sourceType(), debeziumProperties)) {
            Set<TableName> ownTables = ownTables(config);
            added = selection.addedSince(previous.get(), session.tables()).stream()
                    .filter(table -> !ownTables.contains(table)).toList();
            if (added.isEmpty()) {
                return added;
            }
            if (config.syncTypes() != SyncTypes.FULL_AND_INCREMENTAL) {
                LOG.info("Tables added to the selection, whose changes are delivered from now on: {}", added);
                return List.of();
            }
            TableName signalTable = config.signalTable();
            if (signalTable == null) {
                throw new ConnectException("Tables " + added + " were added to a running task, whose existing rows"
                        + " are copied through the signal table, but " + CanalSourceConfig.SIGNAL_TABLE_CONFIG
                        + " is not set: create one and set it (see the precheck's warning), or remove the added"
                        + " tables, or set " + CanalSourceConfig.SYNC_TYPES_CONFIG + "=incremental to deliver only"
                        + " their changes");
            }
            String id = signalId(committedOffset, added);
            boolean sent = session.signalOnce(signalTable, id, EXECUTE_SNAPSHOT, snapshotRequest(added));
            LOG.info("Tables added to the selection: {}; their copy was requested through {} (signal {}{})", added,
                    signalTable, id, sent ? "" : ", sent before");
        }
        return added;
    }

    /** Debezium's initial copy starts again from the beginning, with every table selected now. */
    private static boolean initialCopyUnfinished(Map<String, Object> committedOffset) {
        return "true".equals(String.valueOf(committedOffset.get("snapshot")));
    }

    private static Set<TableName> ownTables(CanalSourceConfig config) {
        return Stream.of(config.signalTable(), config.heartbeatTable())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** Debezium's execute-snapshot data: each table as a regular expression matching exactly its name. */
    static String snapshotRequest(List<TableName> tables) {
        try {
            return JSON.writeValueAsString(Map.of("type", "incremental",
                    "data-collections", tables.stream().map(TableName::regex).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same for the same committed offset and added tables: a task that starts again before committing anything
     * finds its earlier request in the signal table instead of copying the tables twice.
     */
    static String signalId(Map<String, Object> committedOffset, List<TableName> added) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((new TreeMap<>(committedOffset) + "|" + added).getBytes(StandardCharsets.UTF_8));
            return SIGNAL_ID_PREFIX + HexFormat.of().formatHex(hash).substring(0, SIGNAL_ID_HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
