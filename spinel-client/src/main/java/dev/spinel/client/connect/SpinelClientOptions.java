package dev.spinel.client.connect;

import dev.spinel.client.keys.KeySchema;
import io.lettuce.core.ReadFrom;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link SpinelClient}, with Lettuce's conventions: immutable, a builder, and
 * {@code DEFAULT_*} constants for every default.
 */
public final class SpinelClientOptions {
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TOPOLOGY_REFRESH = Duration.ofSeconds(30);
    public static final ReadFrom DEFAULT_READ_FROM = ReadFrom.UPSTREAM;
    /**
     * Lettuce's own backoff doubles up to 30 s: after a 6 s failover its next attempt came up to
     * 4 s late (a drill's writes were back 2.7 s after Sentinel named the new primary).
     */
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofMillis(500);

    private final Duration commandTimeout;
    private final Duration topologyRefresh;
    private final ReadFrom readFrom;
    private final KeySchema keySchema;
    private final String directFallback;
    private final Duration maxReconnectDelay;

    private SpinelClientOptions(Builder builder) {
        this.maxReconnectDelay = builder.maxReconnectDelay;
        this.commandTimeout = builder.commandTimeout;
        this.topologyRefresh = builder.topologyRefresh;
        this.readFrom = builder.readFrom;
        this.keySchema = builder.keySchema;
        this.directFallback = builder.directFallback;
    }

    public static SpinelClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** How often a Cluster connection re-reads the topology besides on MOVED/ASK and reconnects. */
    public Duration topologyRefresh() {
        return topologyRefresh;
    }

    /** Where reads go: the primary by default; {@code ReadFrom.REPLICA_PREFERRED} spreads them over replicas. */
    public ReadFrom readFrom() {
        return readFrom;
    }

    /** The longest pause between two attempts to reconnect (the backoff starts at 10 ms and doubles). */
    public Duration maxReconnectDelay() {
        return maxReconnectDelay;
    }

    public KeySchema keySchema() {
        return keySchema;
    }

    /** The primary to reach directly when no Sentinel answers, or null (the default: no fallback). */
    public String directFallback() {
        return directFallback;
    }

    /** Builds {@link SpinelClientOptions}. */
    public static final class Builder {
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration topologyRefresh = DEFAULT_TOPOLOGY_REFRESH;
        private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
        private ReadFrom readFrom = DEFAULT_READ_FROM;
        private KeySchema keySchema = KeySchema.defaults();
        private String directFallback;

        private Builder() {
        }

        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "commandTimeout");
            return this;
        }

        public Builder maxReconnectDelay(Duration delay) {
            this.maxReconnectDelay = positive(delay, "maxReconnectDelay");
            return this;
        }

        public Builder topologyRefresh(Duration period) {
            this.topologyRefresh = positive(period, "topologyRefresh");
            return this;
        }

        public Builder readFrom(ReadFrom readFrom) {
            this.readFrom = Objects.requireNonNull(readFrom, "readFrom");
            return this;
        }

        public Builder keySchema(KeySchema keySchema) {
            this.keySchema = Objects.requireNonNull(keySchema, "keySchema");
            return this;
        }

        /**
         * Opt-in: when a Sentinel URI is given and no Sentinel answers at connect, connect to this
         * {@code redis://} primary directly instead of failing, and log a warning.
         *
         * <p>The risk: without Sentinel nobody tells the client that this node was demoted. If a
         * failover happened while the Sentinels were unreachable from here, the configured node may
         * be a replica (writes fail with READONLY, which is safe) or, worse, a primary that was cut
         * off and will be demoted later: writes accepted by it then are lost when it rejoins as a
         * replica. Use it only where availability matters more than those writes, and alert on
         * the warning.
         */
        public Builder directFallback(String primaryUri) {
            this.directFallback = Objects.requireNonNull(primaryUri, "primaryUri");
            return this;
        }

        public SpinelClientOptions build() {
            return new SpinelClientOptions(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
