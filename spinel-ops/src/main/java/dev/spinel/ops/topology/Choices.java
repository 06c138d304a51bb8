package dev.spinel.ops.topology;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Spec values that are one of a few words, read case-insensitively. */
final class Choices {
    private Choices() {
    }

    /** The value whose id is {@code text}; else an error listing the ids, which the resolver pins to its field. */
    static <T> T parse(T[] values, Function<T, String> id, String text, String what) {
        for (T value : values) {
            if (id.apply(value).equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "' (one of: "
                + Arrays.stream(values).map(id).collect(Collectors.joining(", ")) + ")");
    }
}
