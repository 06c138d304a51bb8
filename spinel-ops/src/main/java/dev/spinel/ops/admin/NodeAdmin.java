package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import dev.spinel.ops.topology.SlotRange;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.output.ListOfMapsOutput;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The commands Spinel sends to one node, data node or Sentinel, with replies already parsed.
 * Every Redis reply Spinel reads goes through here and the parsers beside it.
 */
public final class NodeAdmin implements AutoCloseable {
    private final String address;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> commands;

    NodeAdmin(String address, StatefulRedisConnection<String, String> connection) {
        this.address = address;
        this.connection = connection;
        this.commands = connection.sync();
    }

    public String address() {
        return address;
    }

    public String ping() {
        return commands.ping();
    }

    /**
     * A PING's round trip in microseconds, timed from sending to the reply's arrival on Lettuce's
     * I/O thread, so the caller's own scheduling (a busy machine, a virtual thread) is not counted.
     */
    public long pingMicros() {
        long start = System.nanoTime();
        long[] arrived = new long[1];
        var reply = connection.async().ping().thenApply(pong -> {
            arrived[0] = System.nanoTime();
            return pong;
        });
        try {
            reply.toCompletableFuture().get(connection.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted while waiting for PONG from " + address);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new RedisException(e.getCause());
        } catch (TimeoutException e) {
            throw new RedisException("no PONG from " + address + " within " + connection.getTimeout().toMillis() + " ms");
        }
        return (arrived[0] - start) / 1_000;
    }

    public InfoReply info() {
        return InfoReply.parse(commands.info("everything"));
    }

    public InfoReply info(String section) {
        return InfoReply.parse(commands.info(section));
    }

    public RoleReply role() {
        List<Object> reply = commands.dispatch(CommandType.ROLE, new ArrayOutput<>(StringCodec.UTF8));
        return RoleReply.parse(reply);
    }

    public long dbsize() {
        return commands.dbsize();
    }

    public void replicaOf(String host, int port) {
        commands.replicaof(host, port);
    }

    public void configSet(String directive, String value) {
        commands.configSet(directive, value);
    }

    /** CONFIG REWRITE: the running settings into the node's own config file, so a restart keeps them. */
    public void configRewrite() {
        commands.configRewrite();
    }

    /** A numeric setting as CONFIG GET reports it; 0 when absent. */
    public long configGetNumber(String directive) {
        String value = commands.configGet(directive).get(directive);
        return value == null ? 0 : InfoReply.parseNumber(value);
    }

    /** A setting as CONFIG GET reports it; empty when absent. */
    public String configGet(String directive) {
        String value = commands.configGet(directive).get(directive);
        return value == null ? "" : value;
    }

    /** BGREWRITEAOF: starts a rewrite, or schedules one when a fork is already running. */
    public void rewriteAof() {
        commands.bgrewriteaof();
    }

    /** The connections to this node, this one included (see {@link #clientId()}). */
    public List<ClientListReply.Client> clientList() {
        return ClientListReply.parse(commands.clientList());
    }

    /** CLIENT ID of this admin connection, to tell it apart in {@link #clientList()}. */
    public long clientId() {
        return commands.clientId();
    }

    public ClusterInfoReply clusterInfo() {
        return ClusterInfoReply.parse(commands.clusterInfo());
    }

    public List<ClusterNode> clusterNodes() {
        return ClusterNodesReply.parse(commands.clusterNodes());
    }

    public List<ClusterShardsReply.Shard> clusterShards() {
        return ClusterShardsReply.parse(commands.clusterShards());
    }

    public String clusterMyId() {
        return commands.clusterMyId();
    }

    public void clusterMeet(String host, int port) {
        commands.clusterMeet(host, port);
    }

    public void clusterSetConfigEpoch(long epoch) {
        commands.clusterSetConfigEpoch(epoch);
    }

    @SuppressWarnings("unchecked")
    public void clusterAddSlots(List<SlotRange> slots) {
        Range<Integer>[] ranges = slots.stream().map(r -> Range.create(r.first(), r.last())).toArray(Range[]::new);
        commands.clusterAddSlotsRange(ranges);
    }

    public void clusterReplicate(String primaryId) {
        commands.clusterReplicate(primaryId);
    }

    /** The state CLUSTER SETSLOT puts a slot in on a node. */
    public enum SlotState {
        /** The node accepts ASK-redirected commands for the slot from {@code source}. */
        IMPORTING,
        /** The node redirects commands for keys it no longer holds to {@code target}. */
        MIGRATING,
        /** The migration is over: {@code owner} serves the slot. */
        NODE
    }

    /**
     * CLUSTER SETSLOT for many slots, all sent before the first reply is read (one round trip);
     * completes with the refusal of each slot that was refused.
     */
    public CompletableFuture<Map<Integer, String>> clusterSetSlots(List<Integer> slots, SlotState state, String nodeId) {
        var async = connection.async();
        Map<Integer, CompletableFuture<String>> refusals = new LinkedHashMap<>();
        for (int slot : slots) {
            var reply = switch (state) {
                case IMPORTING -> async.clusterSetSlotImporting(slot, nodeId);
                case MIGRATING -> async.clusterSetSlotMigrating(slot, nodeId);
                case NODE -> async.clusterSetSlotNode(slot, nodeId);
            };
            refusals.put(slot, reply.toCompletableFuture().handle((ok, e) -> e == null ? null : rootMessage(e)));
        }
        return CompletableFuture.allOf(refusals.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Integer, String> refused = new LinkedHashMap<>();
            refusals.forEach((slot, refusal) -> {
                if (refusal.join() != null) {
                    refused.put(slot, refusal.join());
                }
            });
            return refused;
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause instanceof java.util.concurrent.CompletionException) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    public long clusterCountKeysInSlot(int slot) {
        return commands.clusterCountKeysInSlot(slot);
    }

    /**
     * CLUSTER FAILOVER on a replica: its primary stops taking writes, the replica catches up with
     * its offset and takes over; no acknowledged write is lost (unlike FORCE or TAKEOVER).
     */
    public void clusterFailover() {
        commands.clusterFailover(false);
    }

    /** CLUSTER FORGET: drops a node from this node's table (and bans it for 60 s, so gossip does not bring it back). */
    public void clusterForget(String nodeId) {
        commands.clusterForget(nodeId);
    }

    /**
     * SHUTDOWN, saving when save points are configured. A node that shuts down answers by closing
     * the connection, so that is success; an error reply (a failed final save) is thrown. Lettuce's
     * own shutdown() does not wait for the command to be sent, which would race with closing the
     * connection, so the command is dispatched and awaited here.
     */
    public void shutdown() {
        shutdown(true);
    }

    /**
     * SHUTDOWN, or SHUTDOWN NOSAVE without {@code saveRdb}: no RDB is written even with save points
     * configured. The AOF, when enabled, is flushed and fsynced either way.
     */
    public void shutdown(boolean saveRdb) {
        try {
            CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
            if (!saveRdb) {
                args.add("NOSAVE");
            }
            commands.dispatch(CommandType.SHUTDOWN, new StatusOutput<>(StringCodec.UTF8), args);
        } catch (RedisException e) {
            if (e instanceof RedisCommandExecutionException) {
                throw e;
            }
            // The connection closed: the node is going down.
        }
    }

    /** Sentinel: the primary's address by name, empty when the Sentinel does not monitor it. */
    public Optional<String> sentinelPrimaryAddress(String primaryName) {
        List<String> reply = commands.dispatch(CommandType.SENTINEL, new ValueListOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("get-master-addr-by-name").add(primaryName));
        if (reply == null || reply.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(Addresses.of(reply.get(0), Integer.parseInt(reply.get(1))));
    }

    public SentinelView.Primary sentinelPrimary(String primaryName) {
        Map<String, String> reply = commands.dispatch(CommandType.SENTINEL, new MapOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("master").add(primaryName));
        return SentinelView.primary(reply);
    }

    public List<SentinelView.Peer> sentinelReplicas(String primaryName) {
        return sentinelPeers("replicas", primaryName);
    }

    public List<SentinelView.Peer> sentinelSentinels(String primaryName) {
        return sentinelPeers("sentinels", primaryName);
    }

    private List<SentinelView.Peer> sentinelPeers(String subcommand, String primaryName) {
        List<Map<String, String>> reply = commands.dispatch(CommandType.SENTINEL,
                new ListOfMapsOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add(subcommand).add(primaryName));
        return SentinelView.peers(reply);
    }

    @Override
    public void close() {
        connection.close();
    }
}
