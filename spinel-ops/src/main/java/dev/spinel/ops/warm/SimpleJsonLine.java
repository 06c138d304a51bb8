package dev.spinel.ops.warm;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.spinel.client.warm.WarmEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The usual warming line, {@code {"key":"k","value":"v"}} with an optional whole {@code ttl} and
 * boolean {@code critical}, read in one pass over its bytes. Everything else (an escape, a byte
 * outside printable ASCII, a value that is not a string, another field, anything malformed) is
 * declined, and Jackson reads the line instead: so each line means what Jackson says it means,
 * while a million plain lines skip a parser made per line (a third of the loader's main thread,
 * and much of what the JIT compiled during a load). One reader is reused line after line, and
 * tells where the key and value lie rather than making Strings of them; not thread-safe.
 */
final class SimpleJsonLine {
    /** Jackson refuses longer strings; so does this reader, in Jackson's words. */
    private static final int MAX_STRING_LENGTH = StreamReadConstraints.defaults().getMaxStringLength();

    private byte[] bytes;
    private int end;
    private int at;
    /** The last line's key and value, where they lie in its bytes; -1 when absent. */
    private int keyOffset;
    private int keyLength;
    private int valueOffset;
    private int valueLength;
    private long ttlSeconds;
    private boolean critical;
    /** Where the last string read lies. */
    private int stringOffset;
    private int stringLength;

    /**
     * Reads a line (reusing this reader); false when it is not of the simple kind. After true, the
     * key and value lie in {@code bytes} as {@link #keyOffset()} and the rest say.
     */
    boolean parse(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
        keyOffset = -1;
        valueOffset = -1;
        ttlSeconds = 0;
        critical = false;
        if (!take('{')) {
            return false;
        }
        do {
            Field field = field();
            if (field == null || !take(':')) {
                return false;
            }
            skipSpace();
            switch (field) {
                case KEY -> {
                    // A value of another kind (null, a number, an object...): Jackson decides.
                    if (!string()) {
                        return false;
                    }
                    keyOffset = stringOffset;
                    keyLength = stringLength;
                }
                case VALUE -> {
                    if (!string()) {
                        return false;
                    }
                    valueOffset = stringOffset;
                    valueLength = stringLength;
                }
                case TTL -> {
                    ttlSeconds = wholeNumber();
                    if (ttlSeconds < 1 || ttlSeconds > WarmFile.MAX_TTL_SECONDS) {
                        return false;
                    }
                }
                case CRITICAL -> {
                    Boolean flag = bool();
                    if (flag == null) {
                        return false;
                    }
                    critical = flag;
                }
            }
        } while (take(','));
        if (!take('}')) {
            return false;
        }
        skipSpace();
        return at == end && keyOffset >= 0 && keyLength > 0 && valueOffset >= 0;
    }

    /** The array the last line lies in (the scanner's buffer: valid until it reads on). */
    byte[] bytes() {
        return bytes;
    }

    int keyOffset() {
        return keyOffset;
    }

    int keyLength() {
        return keyLength;
    }

    int valueOffset() {
        return valueOffset;
    }

    int valueLength() {
        return valueLength;
    }

    /** The time to live in seconds, 0 for none. */
    long ttlSeconds() {
        return ttlSeconds;
    }

    boolean critical() {
        return critical;
    }

    /** The last line read, as an entry. */
    WarmEntry entry() {
        return WarmEntry.fromBytes(bytes, keyOffset, keyLength, valueOffset, valueLength, ttlSeconds * 1000, critical);
    }

    /** Skips white space, then takes {@code wanted} if it is next. */
    private boolean take(char wanted) {
        skipSpace();
        if (at < end && bytes[at] == wanted) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (at < end && (bytes[at] == ' ' || bytes[at] == '\t' || bytes[at] == '\r')) {
            at++;
        }
    }

    /**
     * The quoted field name, matched on the bytes (no String for the two names of every line), or
     * null for another name, or one written with an escape.
     */
    private Field field() {
        skipSpace();
        if (at >= end || bytes[at] != '"') {
            return null;
        }
        int from = at + 1;
        for (Field field : Field.NAMES) {
            byte[] name = field.quoted;
            if (end - from >= name.length && Arrays.equals(bytes, from, from + name.length, name, 0, name.length)) {
                at = from + name.length;
                return field;
            }
        }
        return null;
    }

    /** A quoted string of printable ASCII without escapes, its place noted; false for anything else. */
    private boolean string() {
        skipSpace();
        if (at >= end || bytes[at] != '"') {
            return false;
        }
        int from = ++at;
        while (at < end) {
            byte b = bytes[at];
            if (b == '"') {
                if (at - from > MAX_STRING_LENGTH) {
                    return false;
                }
                stringOffset = from;
                stringLength = at++ - from;
                return true;
            }
            if (b == '\\' || b < 0x20) {
                // An escape, a control character, or (negative) a byte of a multi-byte character.
                return false;
            }
            at++;
        }
        return false;
    }

    /** Digits without a leading zero, at most 18 of them (no overflow); 0 for anything else. */
    private long wholeNumber() {
        int from = at;
        long number = 0;
        while (at < end && bytes[at] >= '0' && bytes[at] <= '9' && at - from < 18) {
            number = number * 10 + (bytes[at++] - '0');
        }
        return at > from && bytes[from] != '0' && valueEndsAt(at) ? number : 0;
    }

    private Boolean bool() {
        if (word("true")) {
            return Boolean.TRUE;
        }
        return word("false") ? Boolean.FALSE : null;
    }

    private boolean word(String word) {
        if (end - at < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (bytes[at + i] != word.charAt(i)) {
                return false;
            }
        }
        int after = at + word.length();
        if (!valueEndsAt(after)) {
            return false;
        }
        at = after;
        return true;
    }

    /** The fields a simple line may have. */
    private enum Field {
        KEY, VALUE, TTL, CRITICAL;

        static final Field[] NAMES = values();

        /** The name as written, with its closing quote. */
        final byte[] quoted = (name().toLowerCase(Locale.ROOT) + '"').getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether a number or a literal may end at {@code index}: the line's end, a comma, a brace or a space. */
    private boolean valueEndsAt(int index) {
        return index == end || bytes[index] == ',' || bytes[index] == '}' || bytes[index] == ' ' || bytes[index] == '\t';
    }
}
