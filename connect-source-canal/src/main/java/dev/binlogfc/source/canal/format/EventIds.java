package dev.binlogfc.source.canal.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;


/**
 * Derives a Canal record's {@code id} (a non-negative 63-bit long) deterministically, so a record delivered again
 * after a restart carries the same id and a consumer can deduplicate on it.
 *
 * <p>Binlog events: Debezium reports the position where the event's transaction starts ({@code pos}), with, in the
 * connector's source offset, the number of events since that position ({@code event}) and the row's index within
 * its event ({@code row}). Those four values (binlog file, pos, event, row) identify one row change; the id is the
 * first 63 bits of SHA-256 over them. Packing them into 63 bits exactly is not possible for every transaction (a
 * bulk statement spans thousands of events of hundreds of rows), and a hash never overflows.
 *
 * <p>Snapshot reads all share the snapshot's binlog position, so their id is the same hash over the values that
 * identify the row instead (database, table and the row's key). Binlog and snapshot identities are tagged
 * differently, so they cannot alias; two distinct changes share an id with probability 2^-63.
 */
public final class EventIds {

    /** A digest per thread: looking one up from the security providers costs more than hashing a row's identity. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventIds::sha256);

    private EventIds() {
    }

    /** The id of the row change at (binlog file, transaction position, event index since it, row index in the event). */
    public static long fromBinlogPosition(String binlogFile, long position, long event, int row) {
        return hash(List.of("binlog", binlogFile, Long.toString(position), Long.toString(event), Integer.toString(row)));
    }

    /** @param identity the values that identify the row; nulls are allowed and distinct from "" */
    public static long fromIdentity(List<String> identity) {
        List<String> tagged = new ArrayList<>(identity.size() + 1);
        tagged.add("snapshot");
        tagged.addAll(identity);
        return hash(tagged);
    }

    private static long hash(List<String> identity) {
        byte[][] parts = new byte[identity.size()][];
        int size = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = identity.get(i);
            parts[i] = part == null ? null : part.getBytes(StandardCharsets.UTF_8);
            size += Integer.BYTES + (part == null ? 0 : parts[i].length);
        }
        // Each part after its length (-1 for null) as 4 big-endian bytes, so that no two lists hash the same bytes;
        // gathered into one array, as one digest call costs less than one per part.
        ByteBuffer bytes = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            bytes.putInt(part == null ? -1 : part.length);
            if (part != null) {
                bytes.put(part);
            }
        }
        return ByteBuffer.wrap(SHA_256.get().digest(bytes.array())).getLong() & Long.MAX_VALUE;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
