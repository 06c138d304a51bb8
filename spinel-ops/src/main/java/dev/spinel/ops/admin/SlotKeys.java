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
 * behind. Commands for many slots go out together and their replies are read after (pipelined).
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
     * One MIGRATE per slot of the keys given, all sent before the first reply is read. MIGRATE is
     * atomic per call: a key is deleted here only once the target has it, so an interruption
     * never loses one. Throws the first refusal, after every reply is in.
     */
    public void migrate(Map<Integer, List<byte[]>> keysBySlot, String host, int port, long timeoutMillis) {
        List<CompletableFuture<String>> replies = keysBySlot.values().stream().filter(keys -> !keys.isEmpty())
                .map(keys -> {
                    MigrateArgs<byte[]> args = MigrateArgs.Builder.keys(keys);
                    if (!password.isEmpty()) {
                        args.auth(password.toCharArray());
                    }
                    return commands.migrate(host, port, 0, timeoutMillis, args).toCompletableFuture();
                }).toList();
        CompletableFuture.allOf(replies.stream().map(reply -> reply.exceptionally(e -> null))
                .toArray(CompletableFuture[]::new)).join();
        for (CompletableFuture<String> reply : replies) {
            reply.join();
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
