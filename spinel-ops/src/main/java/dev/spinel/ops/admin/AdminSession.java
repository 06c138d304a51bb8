package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Lettuce client for the length of a command, with a connection per node opened on first use.
 * The client starts in the background as soon as the session is made.
 * Admin connections fail fast instead of reconnecting: a node that does not answer is a fact the
 * caller wants to see, not to wait out.
 */
public final class AdminSession implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<String> password;
    private final Map<String, NodeAdmin> open = new ConcurrentHashMap<>();
    /** Lettuce takes half a second to start; it does so on a thread of its own while the caller works. */
    private final CompletableFuture<RedisClient> client;
    private volatile ClientResources resources;

    public AdminSession(String password) {
        this(() -> password);
    }

    /** @param password read when the first connection is made, so a session can start before the secret exists */
    public AdminSession(Supplier<String> password) {
        this.password = password;
        this.client = CompletableFuture.supplyAsync(this::startClient, runnable -> {
            Thread thread = new Thread(runnable, "spinel-admin-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private RedisClient startClient() {
        resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        RedisClient created = RedisClient.create(resources);
        created.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        return created;
    }

    private RedisClient client() {
        return client.join();
    }

    /** A connection to the node at host:port, reused while it is open. */
    public NodeAdmin node(String host, int port) {
        String address = Addresses.of(host, port);
        NodeAdmin existing = open.get(address);
        if (existing != null) {
            return existing;
        }
        RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withPassword(password.get().toCharArray())
                .withTimeout(COMMAND_TIMEOUT).build();
        NodeAdmin admin = new NodeAdmin(address, client().connect(StringCodec.UTF8, uri));
        open.put(address, admin);
        return admin;
    }

    /** Drops the connection to a node (after it was stopped, or when it broke). */
    public void forget(String host, int port) {
        String address = Addresses.of(host, port);
        NodeAdmin admin = open.remove(address);
        if (admin != null) {
            admin.close();
        }
    }

    @Override
    public void close() {
        open.values().forEach(NodeAdmin::close);
        open.clear();
        client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
