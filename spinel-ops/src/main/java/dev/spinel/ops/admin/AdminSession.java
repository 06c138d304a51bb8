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
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Lettuce client for the length of a command, with a connection per node opened on first use.
 * Admin connections fail fast instead of reconnecting: a node that does not answer is a fact the
 * caller wants to see, not to wait out.
 */
public final class AdminSession implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final String password;
    private final Map<String, NodeAdmin> open = new ConcurrentHashMap<>();
    private ClientResources resources;
    private RedisClient client;

    /** Creates no client yet: Lettuce starts on first use, after the nodes have been launched. */
    public AdminSession(String password) {
        this.password = password;
    }

    private synchronized RedisClient client() {
        if (client == null) {
            resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
            client = RedisClient.create(resources);
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(false)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    .build());
        }
        return client;
    }

    /** A connection to the node at host:port, reused while it is open. */
    public NodeAdmin node(String host, int port) {
        String address = Addresses.of(host, port);
        NodeAdmin existing = open.get(address);
        if (existing != null) {
            return existing;
        }
        RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withPassword(password.toCharArray())
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
    public synchronized void close() {
        open.values().forEach(NodeAdmin::close);
        open.clear();
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
