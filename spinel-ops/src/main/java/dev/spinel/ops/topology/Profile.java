package dev.spinel.ops.topology;

import java.util.Locale;

/**
 * What the data is for. A cache may lose keys to eviction; a store (locks, queues, sessions)
 * must not, so it refuses writes when full instead.
 */
public enum Profile {
    CACHE("allkeys-lru"), STORE("noeviction");

    private final String maxmemoryPolicy;

    Profile(String maxmemoryPolicy) {
        this.maxmemoryPolicy = maxmemoryPolicy;
    }

    public String maxmemoryPolicy() {
        return maxmemoryPolicy;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String text) {
        return Choices.parse(values(), Profile::id, text, "profile");
    }
}
