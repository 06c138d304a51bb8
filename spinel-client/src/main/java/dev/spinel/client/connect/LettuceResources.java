package dev.spinel.client.connect;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Each Lettuce client of the toolkit gets resources of its own, for the reconnect backoff in
 * {@link SpinelClientOptions#maxReconnectDelay()}; they are shut down with the client.
 */
public final class LettuceResources {
    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(10);

    private LettuceResources() {
    }

    static ClientResources of(SpinelClientOptions options) {
        Duration cap = options.maxReconnectDelay().compareTo(FIRST_RECONNECT_DELAY) > 0
                ? options.maxReconnectDelay() : FIRST_RECONNECT_DELAY;
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(FIRST_RECONNECT_DELAY, cap, 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /** Shuts the client down, then the resources it was given (Lettuce leaves those to their creator). */
    public static void shutdown(AbstractRedisClient client) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }
}
