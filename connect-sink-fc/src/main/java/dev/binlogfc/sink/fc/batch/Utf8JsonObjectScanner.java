package dev.binlogfc.sink.fc.batch;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.binlogfc.common.canal.CanalFields;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks that UTF-8 bytes hold exactly one JSON object (RFC 8259, strict UTF-8) and lays out its top-level fields,
 * in one pass and without building tokens: string contents are skipped eight bytes at a time. The sink scans every
 * record it delivers, and Jackson's token-by-token scan was most of the sink task's CPU (BENCHMARKS.md).
 *
 * <p>It answers only "valid, laid out so" or "ask Jackson": anything it does not handle itself (invalid JSON,
 * escapes in a top-level name or in a value the sink reads, a token beyond Jackson's read constraints) is
 * {@link #UNSURE}, and {@link JsonRow} then scans the text with Jackson, which either lays it out or names the
 * error. The one verdict of its own is {@link #BAD_UTF8}: bytes that are not UTF-8 are never valid JSON text.
 */
final class Utf8JsonObjectScanner {

    static final int VALID = 0;
    static final int UNSURE = 1;
    static final int BAD_UTF8 = 2;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * ' ';

    private static final byte[] TS = bytes(JsonRow.DELIVERY_TIME_FIELD);
    private static final byte[] TYPE = bytes(CanalFields.TYPE);
    private static final byte[] ES = bytes(CanalFields.ES);
    private static final byte[] DATABASE = bytes(CanalFields.DATABASE);
    private static final byte[] TABLE = bytes(CanalFields.TABLE);
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] NULL = bytes("null");
    private static final int TYPE_TEXT = 0;
    private static final int TABLE_TEXT = 1;
    private static final int DATABASE_TEXT = 2;
    /** Digits of the longest decimal that always fits a long. */
    private static final int SAFE_LONG_DIGITS = 18;

    /** Thrown to give up; carries no stack, as giving up is an answer, not a fault. */
    private static final RuntimeException GIVE_UP = new RuntimeException("not laid out here", null, false, false) {
    };

    private final int maxDepth;
    private final int maxNumberLength;
    private final int maxStringLength;
    private final int maxNameLength;
    private final boolean usable;

    /** The last text of {@code type}, {@code table} and {@code database}, and their bytes. */
    private final String[] lastValueText = new String[3];
    private final byte[][] lastValueBytes = new byte[3][];
    /** Whether each open container is an array (else an object), by depth; index 0 unused. */
    private final boolean[] inArray;
    private byte[] json;
    private int end;
    private boolean sawEscape;
    private int badUtf8At;

    Utf8JsonObjectScanner(StreamReadConstraints constraints) {
        maxDepth = constraints.getMaxNestingDepth();
        maxNumberLength = constraints.getMaxNumberLength();
        maxStringLength = constraints.getMaxStringLength();
        maxNameLength = constraints.getMaxNameLength();
        inArray = new boolean[maxDepth + 2];
        // Limits on the whole document are Jackson's to enforce.
        usable = !constraints.hasMaxDocumentLength() && !constraints.hasMaxTokenCount();
    }

    /** Scans {@code text} into {@code layout}; the layout is complete only when this returns {@link #VALID}. */
    int scan(byte[] text, RowLayout layout) {
        if (!usable) {
            return UNSURE;
        }
        json = text;
        end = text.length;
        badUtf8At = -1;
        try {
            int i = topLevelObject(skipWhitespace(0), layout);
            return skipWhitespace(i) == end ? VALID : UNSURE;
        } catch (RuntimeException e) {
            if (e != GIVE_UP) {
                throw e;
            }
            return badUtf8At >= 0 ? BAD_UTF8 : UNSURE;
        } finally {
            json = null;
        }
    }

    /** Byte index of the first byte that is not UTF-8, after {@link #scan} returned {@link #BAD_UTF8}. */
    int badUtf8At() {
        return badUtf8At;
    }

    /**
     * Byte index of the first byte in {@code text} that is not UTF-8 or is NUL, or -1. For text before Jackson reads
     * it: Jackson checks little more than the bit patterns of multi-byte characters, and reads text with NUL bytes as
     * UTF-16 or UTF-32, whose offsets are not byte offsets. Raw NUL is never valid in JSON text.
     */
    int firstNonUtf8OrNul(byte[] text) {
        json = text;
        end = text.length;
        badUtf8At = -1;
        try {
            int i = 0;
            while (i < end) {
                long word = i + Long.BYTES <= end ? word(i) : HIGH_BITS;
                if (((word | zeroBytes(word)) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                } else if (json[i] > 0) {
                    i++;
                } else if (json[i] == 0) {
                    return i;
                } else {
                    i = multiByteCharacter(i, json[i] & 0xFF);
                }
            }
            return -1;
        } catch (RuntimeException e) {
            if (e != GIVE_UP) {
                throw e;
            }
            return badUtf8At;
        } finally {
            json = null;
        }
    }

    /**
     * Scans the object starting at {@code i} and returns the index after it. One loop over the text with a stack of
     * open containers, rather than a method per value: most values in a row are a few bytes long.
     */
    private int topLevelObject(int i, RowLayout layout) {
        expect(i, '{');
        i = skipWhitespace(i + 1);
        if (byteAt(i) == '}') {
            layout.closingBrace = i;
            return i + 1;
        }
        layout.empty = false;
        int depth = 1;
        inArray[depth] = false;
        int nameStart = 0;
        int nameLength = 0;
        int valueStart = 0;
        boolean expectName = true;
        while (true) {
            if (expectName) {
                expect(i, '"');
                if (depth == 1) {
                    nameStart = i + 1;
                    sawEscape = false;
                    i = string(nameStart, maxNameLength);
                    if (sawEscape) {
                        // An escaped name may spell a field the sink reads.
                        throw GIVE_UP;
                    }
                    nameLength = i - 1 - nameStart;
                } else {
                    i = string(i + 1, maxNameLength);
                }
                i = skipWhitespace(i);
                expect(i, ':');
                i = skipWhitespace(i + 1);
                if (depth == 1) {
                    valueStart = i;
                    sawEscape = false;
                }
            }
            // A value: a scalar is skipped whole; a container is opened, and its first name or value comes next.
            byte b = byteAt(i);
            if (b == '"') {
                i = string(i + 1, maxStringLength);
            } else if (b == '{' || b == '[') {
                if (++depth > maxDepth) {
                    throw GIVE_UP;
                }
                boolean array = b == '[';
                inArray[depth] = array;
                i = skipWhitespace(i + 1);
                if (byteAt(i) != (array ? ']' : '}')) {
                    expectName = !array;
                    continue;
                }
                depth--;
                i++;
            } else if (b == 't') {
                i = literal(i, TRUE);
            } else if (b == 'f') {
                i = literal(i, FALSE);
            } else if (b == 'n') {
                i = literal(i, NULL);
            } else {
                i = number(i);
            }
            // After a value: a comma, or the end of one or more containers.
            while (true) {
                if (depth == 1) {
                    readField(nameStart, nameLength, valueStart, i, layout);
                }
                i = skipWhitespace(i);
                b = byteAt(i);
                if (b == ',') {
                    i = skipWhitespace(i + 1);
                    expectName = !inArray[depth];
                    break;
                }
                if (b != (inArray[depth] ? ']' : '}')) {
                    throw GIVE_UP;
                }
                if (--depth == 0) {
                    layout.closingBrace = i;
                    return i + 1;
                }
                i++;
            }
        }
    }

    private void readField(int nameStart, int nameLength, int valueStart, int valueEnd, RowLayout layout) {
        switch (nameLength) {
            case 2 -> {
                if (matches(TS, nameStart, nameLength)) {
                    layout.tsStart = valueStart;
                    layout.tsEnd = valueEnd;
                } else if (matches(ES, nameStart, nameLength)) {
                    layout.sourceTimeMillis = longValue(valueStart, valueEnd);
                }
            }
            case 4 -> {
                if (matches(TYPE, nameStart, nameLength)) {
                    layout.type = stringValue(valueStart, valueEnd, null, TYPE_TEXT);
                }
            }
            case 5 -> {
                if (matches(TABLE, nameStart, nameLength)) {
                    layout.table = stringValue(valueStart, valueEnd, "", TABLE_TEXT);
                }
            }
            case 8 -> {
                if (matches(DATABASE, nameStart, nameLength)) {
                    layout.database = stringValue(valueStart, valueEnd, "", DATABASE_TEXT);
                }
            }
            default -> {
                // Other fields are only checked.
            }
        }
    }

    /** Whether the {@code length} bytes at {@code start} are {@code expected}. */
    private boolean matches(byte[] expected, int start, int length) {
        if (length != expected.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (json[start + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text of a string value, or {@code otherwise} for a value that is not a string. Rows come in runs of one
     * table and change type, so the text of the last row's value is reused when the bytes are the same.
     */
    private String stringValue(int start, int valueEnd, String otherwise, int slot) {
        if (json[start] != '"') {
            return otherwise;
        }
        if (sawEscape) {
            throw GIVE_UP;
        }
        int from = start + 1;
        int to = valueEnd - 1;
        byte[] last = lastValueBytes[slot];
        if (last == null || !Arrays.equals(json, from, to, last, 0, last.length)) {
            lastValueBytes[slot] = Arrays.copyOfRange(json, from, to);
            lastValueText[slot] = new String(json, from, to - from, StandardCharsets.UTF_8);
        }
        return lastValueText[slot];
    }

    /** An integer value that surely fits a long; -1 for any other value. */
    private long longValue(int start, int valueEnd) {
        boolean negative = json[start] == '-';
        int digitsStart = negative ? start + 1 : start;
        if (digitsStart >= valueEnd || !isDigit(json[digitsStart])) {
            return -1;
        }
        if (valueEnd - digitsStart > SAFE_LONG_DIGITS) {
            throw GIVE_UP;
        }
        long value = 0;
        for (int k = digitsStart; k < valueEnd; k++) {
            byte b = json[k];
            if (!isDigit(b)) {
                // A fraction or an exponent: a number, but not an integer.
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }

    /**
     * Skips a string's contents from {@code i}, just after its opening quote, to just after its closing quote.
     * Eight bytes at a time while none of them is a quote, a backslash, a control character or non-ASCII.
     */
    private int string(int i, int maxLength) {
        int start = i;
        while (true) {
            while (i + Long.BYTES <= end) {
                long word = word(i);
                long special = (word | (word - SPACES) | zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES))
                    & HIGH_BITS;
                if (special == 0) {
                    i += Long.BYTES;
                } else {
                    // The lowest flagged byte is exact; flags above it may be borrows.
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
            }
            int b = byteAt(i) & 0xFF;
            if (b == '"') {
                if (i - start > maxLength) {
                    throw GIVE_UP;
                }
                return i + 1;
            }
            if (b == '\\') {
                sawEscape = true;
                i = escape(i + 1);
            } else if (b < 0x20) {
                throw GIVE_UP;
            } else if (b < 0x80) {
                i++;
            } else {
                i = multiByteCharacter(i, b);
            }
        }
    }

    private long word(int i) {
        return (long) LONGS.get(json, i);
    }

    /** Bytes that are zero get their high bit set; the lowest such flag is exact. */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word;
    }

    private int escape(int i) {
        byte b = byteAt(i);
        switch (b) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return i + 1;
            case 'u':
                for (int k = i + 1; k <= i + 4; k++) {
                    if (Character.digit(byteAt(k), 16) < 0) {
                        throw GIVE_UP;
                    }
                }
                return i + 5;
            default:
                throw GIVE_UP;
        }
    }

    /** Checks one UTF-8 sequence of two to four bytes led by {@code lead} (Unicode table 3-7). */
    private int multiByteCharacter(int i, int lead) {
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0;
            } else if (lead == 0xED) {
                secondMax = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            throw badUtf8(i);
        }
        if (i + length > end) {
            throw badUtf8(i);
        }
        int second = json[i + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            throw badUtf8(i);
        }
        for (int k = i + 2; k < i + length; k++) {
            if ((json[k] & 0xC0) != 0x80) {
                throw badUtf8(i);
            }
        }
        return i + length;
    }

    private RuntimeException badUtf8(int at) {
        badUtf8At = at;
        return GIVE_UP;
    }

    private int literal(int i, byte[] literal) {
        if (i + literal.length > end || !matches(literal, i, literal.length)) {
            throw GIVE_UP;
        }
        return i + literal.length;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private int number(int i) {
        int start = i;
        if (byteAt(i) == '-') {
            i++;
        }
        if (byteAt(i) == '0') {
            i++;
        } else {
            i = digits(i);
        }
        if (i < end && json[i] == '.') {
            i = digits(i + 1);
        }
        if (i < end && (json[i] == 'e' || json[i] == 'E')) {
            i++;
            if (i < end && (json[i] == '+' || json[i] == '-')) {
                i++;
            }
            i = digits(i);
        }
        if (i - start > maxNumberLength) {
            throw GIVE_UP;
        }
        return i;
    }

    /** One or more digits from {@code i}; returns the index after them. */
    private int digits(int i) {
        if (!isDigit(byteAt(i))) {
            throw GIVE_UP;
        }
        do {
            i++;
        } while (i < end && isDigit(json[i]));
        return i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private int skipWhitespace(int i) {
        while (i < end) {
            byte b = json[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    private void expect(int i, char expected) {
        if (byteAt(i) != expected) {
            throw GIVE_UP;
        }
    }

    /** The byte at {@code i}; past the end, a byte no caller accepts. */
    private byte byteAt(int i) {
        return i < end ? json[i] : 0;
    }

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
