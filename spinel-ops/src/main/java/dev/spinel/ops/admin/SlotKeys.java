package dev.spinel.ops.admin;

import io.lettuce.core.MigrateArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Moves the keys of slots from this node to another with MIGRATE. Keys travel as bytes: a key
 * that is not valid UTF-8 must reach MIGRATE exactly as GETKEYSINSLOT gave it, or it stays
 * behind. GETKEYSINSLOT for many slots goes out together, its replies read after (pipelined).
 */
public final class SlotKeys implements AutoCloseable {
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisAsyncCommands<byte[], byte[]> commands;
    private final String password;

    SlotKeys(StatefulRedisConnection<byte[], byte[]> connection, String password) {
        this.connection = connection;
        this.commands = connection.async();
        this.password = password;
    }

    /** Up to {@code count} keys of each slot (CLUSTER GETKEYSINSLOT), in one round trip. */
    public Map<Integer, List<byte[]>> keysIn(List<Integer> slots, int count) {
        Map<Integer, CompletableFuture<List<byte[]>>> replies = new LinkedHashMap<>();
        for (int slot : slots) {
            replies.put(slot, commands.clusterGetKeysInSlot(slot, count).toCompletableFuture());
        }
        Map<Integer, List<byte[]>> keys = new LinkedHashMap<>();
        replies.forEach((slot, reply) -> keys.put(slot, reply.join()));
        return keys;
    }

    /**
     * One MIGRATE per slot of the keys given, each awaited before the next is sent: MIGRATE holds
     * the source's event loop until the target has answered, and between two of them the source
     * serves its clients (sent all at once, they had held it for tens of milliseconds). MIGRATE is
     * atomic per call: a key is deleted here only once the target has it, so an interruption
     * never loses one.
     */
    public void migrate(Map<Integer, List<byte[]>> keysBySlot, String host, int port, long timeoutMillis) {
        for (List<byte[]> keys : keysBySlot.values()) {
            if (keys.isEmpty()) {
                continue;
            }
            MigrateArgs<byte[]> args = MigrateArgs.Builder.keys(keys);
            if (!password.isEmpty()) {
                args.auth(password.toCharArray());
            }
            commands.migrate(host, port, 0, timeoutMillis, args).toCompletableFuture().join();
        }
    }

    /** Whether the connection still works: the admin client does not reconnect on its own. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
    }
}
