package dev.spinel.ops.process;

import java.nio.file.Path;

/** The redis-server executable Spinel runs, for data nodes and (with --sentinel) Sentinels. */
public record RedisBinary(Path path, RedisVersion version, Source source) {

    /** Where the binary was found, in the order they are tried. */
    public enum Source {
        EXPLICIT("--redis-server or SPINEL_REDIS_SERVER"),
        PATH("redis-server on PATH"),
        BUNDLED("bundled with Spinel (org.signal:embedded-redis)");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
