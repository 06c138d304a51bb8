package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One Lettuce client for the length of a command, with a connection per node opened on first use.
 * The client starts in the background as soon as the session is made (or earlier, see
 * {@link #prestart()}); admin connections fail fast instead of reconnecting.
 */
public final class AdminSession implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = AdminClient.CONNECT_TIMEOUT;
    public static final Duration COMMAND_TIMEOUT = AdminClient.COMMAND_TIMEOUT;

    private final Supplier<String> password;
    private final Map<String, NodeAdmin> open = new ConcurrentHashMap<>();
    private final CompletableFuture<AdminClient> client;
    private final Duration timeout;

    public AdminSession(String password) {
        this(() -> password);
    }

    /** @param password read when the first connection is made, so a session can start before the secret exists */
    public AdminSession(Supplier<String> password) {
        this(password, COMMAND_TIMEOUT);
    }

    /** A session whose commands give up after {@code timeout} (a poller's is short). */
    public AdminSession(Supplier<String> password, Duration timeout) {
        this.password = password;
        this.timeout = timeout;
        this.client = AdminClient.take();
    }

    /**
     * Starts the Lettuce client the next session will use, on a thread of its own: for a command
     * line, which knows from its first argument that it will talk to nodes.
     */
    public static void prestart() {
        AdminClient.prestart();
    }

    private RedisClient client() {
        return client.join().client();
    }

    /** A connection to the node at host:port, reused while it is open. */
    public NodeAdmin node(String host, int port) {
        String address = Addresses.of(host, port);
        NodeAdmin existing = open.get(address);
        if (existing != null) {
            return existing;
        }
        RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withPassword(password.get().toCharArray())
                .withTimeout(timeout).build();
        NodeAdmin admin = new NodeAdmin(address, client().connect(StringCodec.UTF8, uri));
        open.put(address, admin);
        return admin;
    }

    /** A connection of its own to the node at host:port for moving a slot's keys; the caller closes it. */
    public SlotKeys slotKeys(String host, int port) {
        RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withPassword(password.get().toCharArray())
                .withTimeout(timeout).build();
        return new SlotKeys(client().connect(ByteArrayCodec.INSTANCE, uri), password.get());
    }

    /** Drops the connection to a node (after it was stopped, or when it broke). */
    public void forget(String host, int port) {
        String address = Addresses.of(host, port);
        NodeAdmin admin = open.remove(address);
        if (admin != null) {
            admin.close();
        }
    }

    /** Drops every connection (after the nodes were all restarted). */
    public void forgetAll() {
        open.values().forEach(NodeAdmin::close);
        open.clear();
    }

    @Override
    public void close() {
        forgetAll();
        client.join().shutdown();
    }
}
