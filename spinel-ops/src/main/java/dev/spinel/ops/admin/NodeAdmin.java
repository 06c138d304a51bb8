package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import dev.spinel.ops.topology.SlotRange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The commands Spinel sends to one node, data node or Sentinel, with replies already parsed.
 * Every Redis reply Spinel reads goes through here and the parsers beside it. One blocking
 * connection (Jedis's): it is ready in a fresh JVM in about 35 ms where Lettuce's client took
 * 0.4 s of CPU, which every command line paid. Calls on one node are one at a time.
 */
public final class NodeAdmin implements AutoCloseable {
    private final String address;
    private final Connection connection;

    private NodeAdmin(String address, Connection connection) {
        this.address = address;
        this.connection = connection;
    }

    /**
     * Connects and authenticates (no AUTH for an empty password).
     *
     * @param timeout how long a command may wait for its reply
     */
    static NodeAdmin connect(String host, int port, String password, Duration connectTimeout, Duration timeout) {
        String address = Addresses.of(host, port);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                // Flat arrays, as the parsers read them (RESP3 would make CONFIG GET and SENTINEL MASTER maps).
                .protocol(RedisProtocol.RESP2)
                // CLIENT SETINFO is a round trip that Redis before 7.2 refuses anyway.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (!password.isEmpty()) {
            config.password(password);
        }
        try {
            return new NodeAdmin(address, new Connection(new HostAndPort(host, port), config.build()));
        } catch (JedisDataException e) {
            throw new ErrorReply(e.getMessage(), e);
        } catch (JedisException e) {
            throw new AdminException("cannot connect to " + address + ": " + reason(e), e);
        }
    }

    public String address() {
        return address;
    }

    /** The connection broke (a reply timed out, the node closed it): its next command would fail. */
    boolean isBroken() {
        return connection.isBroken() || !connection.isConnected();
    }

    /** One command and its raw reply; an error reply is an {@link ErrorReply}, any other failure an {@link AdminException}. */
    private synchronized Object call(Command command, Object... args) {
        CommandArguments arguments = new CommandArguments(command);
        for (Object arg : args) {
            arguments.add(String.valueOf(arg));
        }
        try {
            return connection.executeCommand(arguments);
        } catch (JedisDataException e) {
            throw new ErrorReply(e.getMessage(), e);
        } catch (JedisException e) {
            throw new AdminException(address + ": " + command + " failed: " + reason(e), e);
        }
    }

    private String text(Command command, Object... args) {
        return RawReplies.text(call(command, args));
    }

    /**
     * What went wrong, in the JDK's words when Jedis wrapped an I/O failure (as the cause, or, when
     * connecting, a suppressed exception): "Connection refused", "Read timed out".
     */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null) {
                return t.getMessage();
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof IOException && suppressed.getMessage() != null) {
                    return suppressed.getMessage();
                }
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public String ping() {
        return text(Command.PING);
    }

    /** A PING's round trip in microseconds, timed around the blocking call that sends it and reads the reply. */
    public long pingMicros() {
        long start = System.nanoTime();
        call(Command.PING);
        return (System.nanoTime() - start) / 1_000;
    }

    public InfoReply info() {
        return InfoReply.parse(text(Command.INFO, "everything"));
    }

    public InfoReply info(String section) {
        return InfoReply.parse(text(Command.INFO, section));
    }

    public RoleReply role() {
        return RoleReply.parse(RawReplies.list(call(Command.ROLE)));
    }

    public long dbsize() {
        return RawReplies.number(call(Command.DBSIZE));
    }

    public void replicaOf(String host, int port) {
        call(Command.REPLICAOF, host, port);
    }

    public void configSet(String directive, String value) {
        call(Command.CONFIG, "SET", directive, value);
    }

    /** CONFIG REWRITE: the running settings into the node's own config file, so a restart keeps them. */
    public void configRewrite() {
        call(Command.CONFIG, "REWRITE");
    }

    /** A numeric setting as CONFIG GET reports it; 0 when absent. */
    public long configGetNumber(String directive) {
        String value = RawReplies.map(call(Command.CONFIG, "GET", directive)).get(directive);
        return value == null ? 0 : InfoReply.parseNumber(value);
    }

    /** A setting as CONFIG GET reports it; empty when absent. */
    public String configGet(String directive) {
        String value = RawReplies.map(call(Command.CONFIG, "GET", directive)).get(directive);
        return value == null ? "" : value;
    }

    /** BGREWRITEAOF: starts a rewrite, or schedules one when a fork is already running. */
    public void rewriteAof() {
        call(Command.BGREWRITEAOF);
    }

    /** The connections to this node, this one included (see {@link #clientId()}). */
    public List<ClientListReply.Client> clientList() {
        return ClientListReply.parse(text(Command.CLIENT, "LIST"));
    }

    /** CLIENT ID of this admin connection, to tell it apart in {@link #clientList()}. */
    public long clientId() {
        return RawReplies.number(call(Command.CLIENT, "ID"));
    }

    public ClusterInfoReply clusterInfo() {
        return ClusterInfoReply.parse(text(Command.CLUSTER, "INFO"));
    }

    public List<ClusterNode> clusterNodes() {
        return ClusterNodesReply.parse(text(Command.CLUSTER, "NODES"));
    }

    public List<ClusterShardsReply.Shard> clusterShards() {
        return ClusterShardsReply.parse(RawReplies.list(call(Command.CLUSTER, "SHARDS")));
    }

    public String clusterMyId() {
        return text(Command.CLUSTER, "MYID");
    }

    public void clusterMeet(String host, int port) {
        call(Command.CLUSTER, "MEET", host, port);
    }

    public void clusterSetConfigEpoch(long epoch) {
        call(Command.CLUSTER, "SET-CONFIG-EPOCH", epoch);
    }

    /** CLUSTER ADDSLOTSRANGE (Redis 7.0): every range in one command. */
    public void clusterAddSlots(List<SlotRange> slots) {
        List<Object> bounds = new ArrayList<>(List.of("ADDSLOTSRANGE"));
        slots.forEach(range -> {
            bounds.add(range.first());
            bounds.add(range.last());
        });
        call(Command.CLUSTER, bounds.toArray());
    }

    public void clusterReplicate(String primaryId) {
        call(Command.CLUSTER, "REPLICATE", primaryId);
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
     * returns the refusal of each slot that was refused.
     */
    public synchronized Map<Integer, String> clusterSetSlots(List<Integer> slots, SlotState state, String nodeId) {
        List<Object> replies;
        try {
            for (int slot : slots) {
                connection.sendCommand(Command.CLUSTER, "SETSLOT", Integer.toString(slot), state.name(), nodeId);
            }
            replies = connection.getMany(slots.size());
        } catch (JedisException e) {
            throw new AdminException(address + ": CLUSTER SETSLOT failed: " + reason(e), e);
        }
        Map<Integer, String> refused = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            if (replies.get(i) instanceof JedisDataException refusal) {
                refused.put(slots.get(i), refusal.getMessage());
            }
        }
        return refused;
    }

    public long clusterCountKeysInSlot(int slot) {
        return RawReplies.number(call(Command.CLUSTER, "COUNTKEYSINSLOT", slot));
    }

    /**
     * CLUSTER FAILOVER on a replica: its primary stops taking writes, the replica catches up with
     * its offset and takes over; no acknowledged write is lost (unlike FORCE or TAKEOVER).
     */
    public void clusterFailover() {
        call(Command.CLUSTER, "FAILOVER");
    }

    /** CLUSTER FORGET: drops a node from this node's table (and bans it for 60 s, so gossip does not bring it back). */
    public void clusterForget(String nodeId) {
        call(Command.CLUSTER, "FORGET", nodeId);
    }

    /**
     * SHUTDOWN, saving when save points are configured. A node that shuts down answers by closing
     * the connection, so that is success; an error reply (a failed final save) is thrown.
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
            if (saveRdb) {
                call(Command.SHUTDOWN);
            } else {
                call(Command.SHUTDOWN, "NOSAVE");
            }
        } catch (ErrorReply e) {
            throw e;
        } catch (AdminException e) {
            // The connection closed: the node is going down.
        }
    }

    /** Sentinel: the primary's address by name, empty when the Sentinel does not monitor it. */
    public Optional<String> sentinelPrimaryAddress(String primaryName) {
        List<Object> reply = RawReplies.list(call(Command.SENTINEL, "get-master-addr-by-name", primaryName));
        if (reply.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(Addresses.of((String) reply.get(0), Integer.parseInt((String) reply.get(1))));
    }

    public SentinelView.Primary sentinelPrimary(String primaryName) {
        return SentinelView.primary(RawReplies.map(call(Command.SENTINEL, "master", primaryName)));
    }

    public List<SentinelView.Peer> sentinelReplicas(String primaryName) {
        return SentinelView.peers(RawReplies.maps(call(Command.SENTINEL, "replicas", primaryName)));
    }

    public List<SentinelView.Peer> sentinelSentinels(String primaryName) {
        return SentinelView.peers(RawReplies.maps(call(Command.SENTINEL, "sentinels", primaryName)));
    }

    @Override
    public void close() {
        connection.close();
    }
}
