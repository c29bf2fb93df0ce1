package dev.binlogfc.source.canal.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.apache.kafka.connect.errors.DataException;

/**
 * Derives a Canal record's {@code id} (a non-negative 63-bit long) deterministically, so a record delivered again
 * after a restart carries the same id and a consumer can deduplicate on it.
 *
 * <p>Binlog events: {@code fileSequence << 44 | position << 12 | row}, i.e. 19 bits for the sequence number that
 * ends the binlog file name ("mysql-bin.000003" gives 3, up to 524287), 32 bits for the event's position in the file
 * (MySQL's event header holds it in 32 bits) and 12 bits for the row's index within the event (up to 4095). A value
 * outside its field fails the record with a DataException instead of colliding with another event's id.
 *
 * <p>Snapshot reads all share the snapshot's binlog position, so their id is the first 63 bits of SHA-256 over the
 * identifying values given (database, table and the row's key), each length-prefixed so that concatenations cannot
 * alias. Such an id can in principle equal a binlog id; with 63 random-looking bits that is negligible.
 */
public final class EventIds {

    static final int FILE_SEQUENCE_BITS = 19;
    static final int POSITION_BITS = 32;
    static final int ROW_BITS = 12;

    private EventIds() {
    }

    /** @throws DataException when the file name has no numeric suffix or a part exceeds its bit field */
    public static long fromBinlogPosition(String binlogFile, long position, int row) {
        long fileSequence = fileSequence(binlogFile);
        requireFits("binlog file sequence number of '" + binlogFile + "'", fileSequence, FILE_SEQUENCE_BITS);
        requireFits("binlog position", position, POSITION_BITS);
        requireFits("row index within the binlog event at " + binlogFile + ":" + position, row, ROW_BITS);
        return fileSequence << (POSITION_BITS + ROW_BITS) | position << ROW_BITS | row;
    }

    /** @param identity the values that identify the row; nulls are allowed and distinct from "" */
    public static long fromIdentity(List<String> identity) {
        MessageDigest sha256 = sha256();
        for (String part : identity) {
            byte[] utf8 = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : utf8.length).array());
            sha256.update(utf8);
        }
        return ByteBuffer.wrap(sha256.digest()).getLong() & Long.MAX_VALUE;
    }

    private static long fileSequence(String binlogFile) {
        String suffix = binlogFile.substring(binlogFile.lastIndexOf('.') + 1);
        if (suffix.isEmpty() || !suffix.chars().allMatch(c -> c >= '0' && c <= '9') || suffix.length() > 18) {
            throw new DataException("Binlog file name '" + binlogFile + "' does not end in a numeric sequence"
                    + " (like mysql-bin.000003), which the Canal record id is derived from");
        }
        return Long.parseLong(suffix);
    }

    private static void requireFits(String what, long value, int bits) {
        if (value < 0 || value >= 1L << bits) {
            throw new DataException("Cannot derive the Canal record id: the " + what + " is " + value
                    + ", outside the " + bits + "-bit field reserved for it (0.." + ((1L << bits) - 1) + ")");
        }
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
