package dev.spinel.ops.topology;

import java.util.Locale;

/** How the data nodes of a topology are arranged. {@link #AUTO} is resolved before planning. */
public enum Mode {
    STANDALONE, REPLICATION, SENTINEL, CLUSTER, AUTO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String text) {
        return Choices.parse(values(), Mode::id, text, "mode");
    }
}
