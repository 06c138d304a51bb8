package dev.spinel.ops.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the data nodes of a topology are arranged. {@link #AUTO} is resolved before planning. */
public enum Mode {
    STANDALONE, REPLICATION, SENTINEL, CLUSTER, AUTO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String text) {
        for (Mode mode : values()) {
            if (mode.id().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "' (one of: "
                + Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", ")) + ")");
    }
}
