package dev.spinel.ops.warm;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.spinel.client.warm.WarmEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
            String field = string();
            if (field == null || !take(':')) {
                return null;
            }
            skipSpace();
            switch (field) {
                case "key" -> key = string();
                case "value" -> value = string();
                case "ttl" -> ttl = wholeNumber();
                case "critical" -> {
                    Boolean flag = bool();
                    if (flag == null) {
                        return null;
                    }
                    critical = flag;
                }
                default -> {
                    return null;
                }
            }
            // A value of another kind (null, a number, an object...) or a bad ttl: Jackson decides.
            if (field.equals("key") && key == null || field.equals("value") && value == null
                    || field.equals("ttl") && ttl < 1) {
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

    /** Whether a number or a literal may end at {@code index}: the line's end, a comma, a brace or a space. */
    private boolean valueEndsAt(int index) {
        return index == end || bytes[index] == ',' || bytes[index] == '}' || bytes[index] == ' ' || bytes[index] == '\t';
    }
}
