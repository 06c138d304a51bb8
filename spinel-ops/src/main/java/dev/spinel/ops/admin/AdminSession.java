package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The connections of one command to its nodes: one per node, opened on first use and reused
 * while it works. A connection that failed is dropped ({@link #forget}) and opened again next time.
 * Moving keys ({@link #slotKeys}) goes through a Lettuce client, started only for that.
 */
public final class AdminSession implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<String> password;
    private final Map<String, NodeAdmin> open = new ConcurrentHashMap<>();
    private final Duration timeout;
    private AdminClient keyMover;

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
    }

    /**
     * A connection to the node at host:port, reused while it works: one that broke (a blocking
     * connection does after a reply timed out) is replaced by a new one.
     */
    public NodeAdmin node(String host, int port) {
        String address = Addresses.of(host, port);
        NodeAdmin existing = open.get(address);
        if (existing != null && !existing.isBroken()) {
            return existing;
        }
        if (existing != null && open.remove(address, existing)) {
            existing.close();
        }
        NodeAdmin connected = NodeAdmin.connect(host, port, password.get(), CONNECT_TIMEOUT, timeout);
        NodeAdmin raced = open.putIfAbsent(address, connected);
        if (raced != null) {
            connected.close();
            return raced;
        }
        return connected;
    }

    /** A connection of its own to the node at host:port for moving a slot's keys; the caller closes it. */
    public synchronized SlotKeys slotKeys(String host, int port) {
        if (keyMover == null) {
            keyMover = AdminClient.start();
        }
        RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withPassword(password.get().toCharArray())
                .withTimeout(timeout).build();
        return new SlotKeys(keyMover.client().connect(ByteArrayCodec.INSTANCE, uri), password.get());
    }

    /** Drops the connection to a node (after it was stopped, or when it broke). */
    public void forget(String host, int port) {
        NodeAdmin admin = open.remove(Addresses.of(host, port));
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
    public synchronized void close() {
        forgetAll();
        if (keyMover != null) {
            keyMover.shutdown();
        }
    }
}
