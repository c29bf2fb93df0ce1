package dev.binlogfc.source.canal.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;


/**
 * Derives a Canal record's {@code id} deterministically, so a record delivered again after a restart carries the same
 * id and a consumer can deduplicate on it. The id is at most 2^53-1 ({@link #MAX_ID}), the largest integer that an
 * IEEE-754 double holds exactly, so that JavaScript's JSON.parse (FC's Node.js runtimes) and every other reader that
 * parses JSON numbers as doubles reads the id that was sent.
 *
 * <p>Binlog events: Debezium reports the position where the event's transaction starts ({@code pos}), with, in the
 * connector's source offset, the number of events since that position ({@code event}) and the row's index within
 * its event ({@code row}). Those four values (binlog file, pos, event, row) identify one row change; the id is the
 * first 53 bits of SHA-256 over them. Packing them into 53 bits exactly is not possible for every transaction (a
 * bulk statement spans thousands of events of hundreds of rows), and a hash never overflows.
 *
 * <p>Snapshot reads all share the snapshot's binlog position, so their id is the same hash over the values that
 * identify the row instead (database, table and the row's key). Binlog and snapshot identities are tagged
 * differently, so they cannot alias.
 *
 * <p>Collision odds: two given distinct changes share an id with probability 2^-53 (about 1.1e-16). Among n ids the
 * chance that any two collide is about n^2 / 2^54: 5.6e-5 for a million, 0.5 % for ten million. A consumer that
 * deduplicates over a window of recent ids (what redelivery needs: the sink redelivers only batches since the last
 * committed offset) runs those odds for the window's size, not for the whole stream; one that keeps every id
 * forever should key on (id, database, table) or on the row's key and {@code es} as well.
 */
public final class EventIds {

    /** The largest id: 2^53-1, JavaScript's Number.MAX_SAFE_INTEGER. */
    public static final long MAX_ID = (1L << 53) - 1;
    /** The bits of the digest's first 8 bytes that are dropped to keep the id within {@link #MAX_ID}. */
    private static final int DROPPED_BITS = Long.SIZE - 53;

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
        return ByteBuffer.wrap(SHA_256.get().digest(bytes.array())).getLong() >>> DROPPED_BITS;
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
