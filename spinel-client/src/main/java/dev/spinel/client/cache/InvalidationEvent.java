package dev.spinel.client.cache;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of the invalidation stream: {@code type} (version, key, pattern), {@code region}, and
 * the new version, the key, or the glob.
 */
record InvalidationEvent(Type type, String region, String argument) {

    enum Type { VERSION, KEY, PATTERN }

    Map<String, String> fields() {
        return Map.of("type", type.name().toLowerCase(), "region", region, "argument", argument);
    }

    static Optional<InvalidationEvent> from(Map<String, String> fields) {
        try {
            return Optional.of(new InvalidationEvent(Type.valueOf(fields.get("type").toUpperCase()),
                    fields.get("region"), fields.get("argument")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
