package dev.spinel.ops.admin;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.DefaultEndpoint;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The Lettuce client behind an {@link AdminSession}, started on a thread of its own: Lettuce
 * takes half a second of CPU to start on a small machine, and a command has other work to do
 * meanwhile. {@link #prestart()} lets the CLI begin before it has even parsed its arguments.
 */
record AdminClient(ClientResources resources, RedisClient client) {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private static final AtomicReference<CompletableFuture<AdminClient>> PRESTARTED = new AtomicReference<>();

    /** Starts a client for the next session to take; a no-op when one is waiting already. */
    static void prestart() {
        if (PRESTARTED.get() == null) {
            CompletableFuture<AdminClient> started = startAsync();
            if (!PRESTARTED.compareAndSet(null, started)) {
                started.thenAccept(AdminClient::shutdown);
            }
        }
    }

    /** The prestarted client if there is one (each is taken once), else a new one. */
    static CompletableFuture<AdminClient> take() {
        CompletableFuture<AdminClient> prestarted = PRESTARTED.getAndSet(null);
        return prestarted != null ? prestarted : startAsync();
    }

    private static CompletableFuture<AdminClient> startAsync() {
        return onOwnThread(AdminClient::start);
    }

    private static CompletableFuture<AdminClient> onOwnThread(Supplier<AdminClient> start) {
        return CompletableFuture.supplyAsync(start, runnable -> {
            Thread thread = new Thread(runnable, "spinel-admin-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static AdminClient start() {
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .build();
        RedisClient client = RedisClient.create(resources);
        // Admin connections fail fast instead of reconnecting: a node that does not answer is a
        // fact the caller wants to see, not to wait out.
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                // Each session sets its command timeout on its connections' URIs.
                .timeoutOptions(TimeoutOptions.enabled())
                .build();
        client.setOptions(options);
        warmUp(options, resources);
        return new AdminClient(resources, client);
    }

    /**
     * Lettuce's first connection builds its synchronous API by reflection over every command
     * (a quarter of a second here); later ones reuse it. Building one unconnected connection
     * now moves that cost off the caller's path.
     */
    private static void warmUp(ClientOptions options, ClientResources resources) {
        DefaultEndpoint endpoint = new DefaultEndpoint(options, resources);
        new StatefulRedisConnectionImpl<>(endpoint, endpoint, StringCodec.UTF8, COMMAND_TIMEOUT).close();
    }

    void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
