package dev.spinel.ops.warm;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.spinel.client.warm.WarmEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The usual warming line, {@code {"key":"k","value":"v"}} with an optional whole {@code ttl} and
 * boolean {@code critical}, read in one pass over its bytes. Everything else (an escape, a byte
 * outside printable ASCII, a value that is not a string, another field, anything malformed) is
 * declined, and Jackson reads the line instead: so each line means what Jackson says it means,
 * while a million plain lines skip a parser made per line (a third of the loader's main thread,
 * and much of what the JIT compiled during a load).
 */
final class SimpleJsonLine {
    /** Jackson refuses longer strings; so does this reader, in Jackson's words. */
    private static final int MAX_STRING_LENGTH = StreamReadConstraints.defaults().getMaxStringLength();

    private final byte[] bytes;
    private final int end;
    private int at;

    private SimpleJsonLine(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
    }

    /** The entry on the line, or null when the line is not of the simple kind. */
    static WarmEntry read(byte[] bytes, int offset, int length) {
        return new SimpleJsonLine(bytes, offset, length).entry();
    }

    private WarmEntry entry() {
        String key = null;
        String value = null;
        long ttl = 0;
        boolean critical = false;
        if (!take('{')) {
            return null;
        }
        do {
            Field field = field();
            if (field == null || !take(':')) {
                return null;
            }
            skipSpace();
            switch (field) {
                case KEY -> key = string();
                case VALUE -> value = string();
                case TTL -> ttl = wholeNumber();
                case CRITICAL -> {
                    Boolean flag = bool();
                    if (flag == null) {
                        return null;
                    }
                    critical = flag;
                }
            }
            // A value of another kind (null, a number, an object...) or a bad ttl: Jackson decides.
            if (field == Field.KEY && key == null || field == Field.VALUE && value == null
                    || field == Field.TTL && ttl < 1) {
                return null;
            }
        } while (take(','));
        if (!take('}')) {
            return null;
        }
        skipSpace();
        if (at != end || key == null || key.isEmpty() || value == null) {
            return null;
        }
        return new WarmEntry(key, value, ttl == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(ttl)), critical);
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

    /** A quoted string of printable ASCII without escapes, or null. */
    private String string() {
        skipSpace();
        if (at >= end || bytes[at] != '"') {
            return null;
        }
        int from = ++at;
        while (at < end) {
            byte b = bytes[at];
            if (b == '"') {
                if (at - from > MAX_STRING_LENGTH) {
                    return null;
                }
                return new String(bytes, from, at++ - from, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) {
                // An escape, a control character, or (negative) a byte of a multi-byte character.
                return null;
            }
            at++;
        }
        return null;
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
