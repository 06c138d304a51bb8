package dev.spinel.ops.admin;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce client behind {@link SlotKeys}: moving keys pipelines GETKEYSINSLOT and MIGRATE
 * over byte-array keys, which its asynchronous API does well. Started only by a command that
 * moves slots, since it costs a fresh JVM about 0.4 s of CPU.
 */
record AdminClient(ClientResources resources, RedisClient client) {
    static AdminClient start() {
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .build();
        RedisClient client = RedisClient.create(resources);
        // Admin connections fail fast instead of reconnecting: a node that does not answer is a
        // fact the caller wants to see, not to wait out.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(AdminSession.CONNECT_TIMEOUT).build())
                // Each session sets its command timeout on its connections' URIs.
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        return new AdminClient(resources, client);
    }

    void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
