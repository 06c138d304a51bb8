package dev.spinel.client.connect;

import dev.spinel.client.keys.KeySchema;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import reactor.core.Disposable;
import org.slf4j.LoggerFactory;

/**
 * The one entry point to a Spinel topology, whatever its mode. Standalone and Sentinel use one
 * connection to the primary, found again through the Sentinels whenever it reconnects (Sentinel
 * closes clients' connections to a primary it demotes), or Lettuce's master/replica connection
 * when reads may go to replicas; Cluster uses the cluster client with periodic and adaptive
 * topology refresh. {@link #sync()} and {@link #async()} expose the commands every mode shares.
 *
 * <p>Thread-safe; create one per application and close it at shutdown.
 */
public final class SpinelClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpinelClient.class);
    /** The least time between two topology refreshes that failures trigger in a cluster. */
    private static final Duration ADAPTIVE_REFRESH_INTERVAL = Duration.ofMillis(500);
    private final Mode mode;
    private final SpinelClientOptions options;
    private final RedisClient redisClient;
    private final RedisClusterClient clusterClient;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisClusterConnection<String, String> clusterConnection;
    private final RedisURI uri;

    private SpinelClient(Mode mode, SpinelClientOptions options, RedisClient redisClient, RedisURI uri,
                         StatefulRedisConnection<String, String> connection, RedisClusterClient clusterClient,
                         StatefulRedisClusterConnection<String, String> clusterConnection) {
        this.mode = mode;
        this.options = options;
        this.redisClient = redisClient;
        this.uri = uri;
        this.connection = connection;
        this.clusterClient = clusterClient;
        this.clusterConnection = clusterConnection;
    }

    public static SpinelClient create(String uri) {
        return create(uri, SpinelClientOptions.defaults());
    }

    /**
     * Connects and detects the mode: a {@code redis-sentinel://} URI is Sentinel, several hosts are
     * Cluster seeds, and a single {@code redis://} node that reports {@code cluster_enabled:1} is
     * Cluster too.
     *
     * @throws ConnectException when the topology cannot be reached (the message names which node and why)
     */
    public static SpinelClient create(String uri, SpinelClientOptions options) {
        Objects.requireNonNull(options, "options");
        TopologyUri.Parsed parsed = TopologyUri.parse(Objects.requireNonNull(uri, "uri"));
        parsed.uris().forEach(u -> u.setTimeout(options.commandTimeout()));
        try {
            return switch (parsed.declared()) {
                case CLUSTER -> cluster(parsed.uris(), options);
                case SENTINEL -> sentinelOrFallback(parsed.uris().getFirst(), options);
                case STANDALONE -> standaloneOrCluster(parsed.uris().getFirst(), options);
            };
        } catch (RedisException e) {
            throw new ConnectException("cannot connect to " + TopologyUri.redact(uri) + ": " + e.getMessage(), e);
        }
    }

    private static SpinelClient sentinelOrFallback(RedisURI uri, SpinelClientOptions options) {
        try {
            return primaryReplica(Mode.SENTINEL, newRedisClient(options), withSentinelCredentials(uri), options);
        } catch (RedisException e) {
            if (options.directFallback() == null) {
                throw e;
            }
            LOG.warn("no Sentinel answered ({}); connecting directly to the configured fallback primary {}."
                    + " Failovers are not followed on this connection.", e.getMessage(),
                    TopologyUri.redact(options.directFallback()));
            RedisURI direct = RedisURI.create(options.directFallback());
            direct.setTimeout(options.commandTimeout());
            return primaryReplica(Mode.STANDALONE, newRedisClient(options), direct, options);
        }
    }

    private static SpinelClient standaloneOrCluster(RedisURI uri, SpinelClientOptions options) {
        RedisClient client = newRedisClient(options);
        boolean cluster;
        try (StatefulRedisConnection<String, String> probe = client.connect(StringCodec.UTF8, uri)) {
            cluster = probe.sync().info("cluster").contains("cluster_enabled:1");
        } catch (RuntimeException e) {
            LettuceResources.shutdown(client);
            throw e;
        }
        if (cluster) {
            LettuceResources.shutdown(client);
            return cluster(List.of(uri), options);
        }
        return primaryReplica(Mode.STANDALONE, client, uri, options);
    }

    /**
     * Reads from the primary only (the default) use a plain connection: it follows a Sentinel
     * failover by resolving the primary again on reconnect (Sentinel closes clients' connections
     * to a demoted primary), and it saves the per-command routing of Lettuce's master/replica
     * connection. Reads from replicas need that routing, so they get the master/replica connection.
     */
    private static SpinelClient primaryReplica(Mode mode, RedisClient client, RedisURI uri, SpinelClientOptions options) {
        try {
            StatefulRedisConnection<String, String> connection;
            if (options.readFrom() == ReadFrom.UPSTREAM) {
                connection = client.connect(StringCodec.UTF8, uri);
            } else {
                StatefulRedisMasterReplicaConnection<String, String> routed =
                        MasterReplica.connect(client, StringCodec.UTF8, uri);
                routed.setReadFrom(options.readFrom());
                connection = routed;
            }
            return new SpinelClient(mode, options, client, uri, connection, null, null);
        } catch (RuntimeException e) {
            LettuceResources.shutdown(client);
            throw e;
        }
    }

    private static RedisClient newRedisClient(SpinelClientOptions options) {
        RedisClient client = RedisClient.create(LettuceResources.of(options));
        client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(options.commandTimeout())).build());
        return client;
    }

    private static SpinelClient cluster(List<RedisURI> seeds, SpinelClientOptions options) {
        RedisClusterClient client = RedisClusterClient.create(LettuceResources.of(options), seeds);
        client.setOptions(ClusterClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        // Adaptive triggers (MOVED, ASK, reconnects, uncovered slots) are on by default in Lettuce 7,
                        // but at most one refresh per 30 s: the first, on the first failed reconnects, comes before
                        // the failover ends and would hold off the one that sees the new primary.
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_INTERVAL)
                        .enablePeriodicRefresh(options.topologyRefresh())
                        .build())
                .build());
        try {
            StatefulRedisClusterConnection<String, String> connection = client.connect(StringCodec.UTF8);
            connection.setReadFrom(options.readFrom());
            return new SpinelClient(Mode.CLUSTER, options, null, seeds.getFirst(), null, client, connection);
        } catch (RuntimeException e) {
            LettuceResources.shutdown(client);
            throw e;
        }
    }

    /** Spinel's Sentinels take the topology's password; Lettuce applies a URI's password to data nodes only. */
    private static RedisURI withSentinelCredentials(RedisURI uri) {
        for (RedisURI sentinel : uri.getSentinels()) {
            sentinel.setCredentialsProvider(uri.getCredentialsProvider());
            sentinel.setTimeout(uri.getTimeout());
        }
        return uri;
    }

    public Mode mode() {
        return mode;
    }

    public SpinelClientOptions options() {
        return options;
    }

    public KeySchema keys() {
        return options.keySchema();
    }

    /** The commands every mode has, routed to the right node (cluster) or the current primary. */
    public RedisClusterCommands<String, String> sync() {
        return clusterConnection != null ? clusterConnection.sync() : connection.sync();
    }

    public RedisClusterAsyncCommands<String, String> async() {
        return clusterConnection != null ? clusterConnection.async() : connection.async();
    }

    /** A new pub/sub connection (the caller closes it); in Cluster mode it hears messages published on any node. */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return clusterClient != null ? clusterClient.connectPubSub(StringCodec.UTF8)
                : redisClient.connectPubSub(StringCodec.UTF8, uri);
    }

    /**
     * The commands of every primary, for work that must visit them all (SCAN in Cluster mode
     * covers only the node it is sent to). Outside Cluster mode: the one primary.
     */
    public List<RedisClusterCommands<String, String>> primaries() {
        if (clusterConnection == null) {
            return List.of(connection.sync());
        }
        return clusterConnection.getPartitions().stream()
                .filter(SpinelClient::isServingPrimary)
                .map(node -> (RedisClusterCommands<String, String>) clusterConnection.getConnection(node.getNodeId()).sync())
                .toList();
    }

    /**
     * WAIT on the connection that wrote {@code key}, so it counts that connection's writes: in
     * Cluster mode the node serving the key's slot, else the primary.
     *
     * @return how many replicas acknowledged every earlier write of that connection
     */
    public long waitForReplicas(String key, int replicas, Duration timeout) {
        return commandsServing(key).waitForReplication(replicas, timeout.toMillis());
    }

    /** How many of how many replicas acknowledged a write. */
    public record ReplicaAcks(long acknowledged, int replicas) {
        /** Every replica the primary had, and at least one. */
        public boolean all() {
            return replicas > 0 && acknowledged >= replicas;
        }
    }

    /**
     * WAIT for every replica the primary serving {@code key} has now (its {@code connected_slaves}),
     * on the connection that wrote the key. Every one, not one: Sentinel promotes the replica it
     * last saw furthest ahead, which need not be one that acknowledged.
     */
    public ReplicaAcks waitForEveryReplica(String key, Duration timeout) {
        RedisClusterCommands<String, String> commands = commandsServing(key);
        int replicas = (int) InfoFields.number(commands.info("replication"), "connected_slaves");
        long acknowledged = replicas == 0 ? 0 : commands.waitForReplication(replicas, timeout.toMillis());
        return new ReplicaAcks(acknowledged, replicas);
    }

    private RedisClusterCommands<String, String> commandsServing(String key) {
        if (clusterConnection != null) {
            int slot = SlotHash.getSlot(key);
            String nodeId = clusterConnection.getPartitions().getPartitionBySlot(slot).getNodeId();
            return clusterConnection.getConnection(nodeId).sync();
        }
        return connection.sync();
    }

    /**
     * A connection of its own, for commands that block it (XREAD BLOCK); it follows failover
     * like the shared one. The caller closes it.
     */
    public Dedicated connectDedicated() {
        if (clusterClient != null) {
            StatefulRedisClusterConnection<String, String> own = clusterClient.connect(StringCodec.UTF8);
            return new Dedicated(own.sync(), own::close);
        }
        StatefulRedisConnection<String, String> own = redisClient.connect(StringCodec.UTF8, uri);
        return new Dedicated(own.sync(), own::close);
    }

    /**
     * Where client-side caching must be switched on: each primary of a Cluster (keys live on
     * all of them), else the one URI (a Sentinel URI finds the current primary at every connect).
     */
    public List<RedisURI> trackingUris() {
        if (clusterConnection == null) {
            return List.of(uri);
        }
        return clusterConnection.getPartitions().stream()
                .filter(SpinelClient::isServingPrimary)
                .map(node -> RedisURI.builder(uri).withHost(node.getUri().getHost()).withPort(node.getUri().getPort())
                        .build())
                .toList();
    }

    /** A primary that serves slots and is not known to have failed (a dead one stays listed as failed). */
    private static boolean isServingPrimary(RedisClusterNode node) {
        return node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.is(RedisClusterNode.NodeFlag.FAIL)
                && !node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL) && !node.getSlots().isEmpty();
    }

    /**
     * Calls {@code listener} whenever the Cluster's topology changes (a failover, a new node);
     * never outside Cluster mode. Returns what stops the calls.
     */
    public AutoCloseable onTopologyChange(Runnable listener) {
        if (clusterClient == null) {
            return () -> { };
        }
        Disposable subscription = clusterClient.getResources().eventBus().get()
                .filter(event -> event instanceof ClusterTopologyChangedEvent)
                .subscribe(event -> listener.run());
        return subscription::dispose;
    }

    /** A client of its own for connections that must be watched (client-side caching), with this client's timeouts. */
    public RedisClient newWatchedClient(RedisConnectionStateListener listener) {
        RedisClient own = newRedisClient(options);
        own.addListener(listener);
        return own;
    }

    /** Reads keys on replicas, for checks that data reached them. */
    public interface ReplicaReader extends AutoCloseable {
        /**
         * For each key, the value each replica asked holds (null where it has none); every key's
         * GETs are sent before the first reply is read.
         */
        List<List<String>> values(List<String> keys);

        @Override
        void close();
    }

    /**
     * A reader of replicas: in a cluster every replica of the key's primary (each connection
     * switched to READONLY); with Sentinel one of the primary's replicas; empty in standalone
     * mode, which has none. The caller closes it.
     */
    public Optional<ReplicaReader> connectReplicaReader() {
        if (clusterConnection != null) {
            java.util.Set<String> readOnly = java.util.concurrent.ConcurrentHashMap.newKeySet();
            return Optional.of(new ReplicaReader() {
                @Override
                public List<List<String>> values(List<String> keys) {
                    List<List<RedisFuture<String>>> asked = new java.util.ArrayList<>();
                    for (String key : keys) {
                        String primary = clusterConnection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key))
                                .getNodeId();
                        asked.add(clusterConnection.getPartitions().stream()
                                .filter(node -> node.is(RedisClusterNode.NodeFlag.REPLICA)
                                        && primary.equals(node.getSlaveOf()))
                                .map(node -> {
                                    if (readOnly.add(node.getNodeId())) {
                                        clusterConnection.getConnection(node.getNodeId()).sync().readOnly();
                                    }
                                    return clusterConnection.getConnection(node.getNodeId()).async().get(key);
                                })
                                .toList());
                    }
                    return asked.stream().map(futures -> futures.stream().map(SpinelClient::await).toList()).toList();
                }

                @Override
                public void close() {
                    // the node connections belong to the shared cluster connection
                }
            });
        }
        if (mode != Mode.SENTINEL) {
            return Optional.empty();
        }
        StatefulRedisMasterReplicaConnection<String, String> own = MasterReplica.connect(redisClient, StringCodec.UTF8, uri);
        own.setReadFrom(ReadFrom.REPLICA);
        return Optional.of(new ReplicaReader() {
            @Override
            public List<List<String>> values(List<String> keys) {
                List<RedisFuture<String>> asked = keys.stream().map(key -> own.async().get(key)).toList();
                return asked.stream().map(future -> java.util.Collections.singletonList(await(future))).toList();
            }

            @Override
            public void close() {
                own.close();
            }
        });
    }

    /** A reply awaited within the client's command timeout; its failure as the command's own exception. */
    private static <T> T await(RedisFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.lettuce.core.RedisException("interrupted while reading replicas", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new io.lettuce.core.RedisException(e.getCause());
        }
    }

    /**
     * Where the primary serving {@code key} listens now: in a cluster the node serving its slot,
     * with Sentinel the primary the Sentinels name, else the URI's node.
     */
    public InetSocketAddress primaryAddressOf(String key) {
        if (clusterConnection != null) {
            RedisURI node = clusterConnection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key)).getUri();
            return InetSocketAddress.createUnresolved(node.getHost(), node.getPort());
        }
        if (mode == Mode.SENTINEL) {
            try (StatefulRedisSentinelConnection<String, String> sentinel = redisClient.connectSentinel(StringCodec.UTF8, uri)) {
                SocketAddress primary = sentinel.sync().getMasterAddrByName(uri.getSentinelMasterId());
                InetSocketAddress inet = (InetSocketAddress) primary;
                return InetSocketAddress.createUnresolved(inet.getHostString(), inet.getPort());
            }
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
    }

    /** Every primary serving data now: each cluster node that serves slots, else the one primary. */
    public List<InetSocketAddress> primaryAddresses() {
        if (clusterConnection == null) {
            return List.of(primaryAddressOf(""));
        }
        return clusterConnection.getPartitions().stream().filter(SpinelClient::isServingPrimary)
                .map(node -> InetSocketAddress.createUnresolved(node.getUri().getHost(), node.getUri().getPort()))
                .toList();
    }

    /** The password the client authenticates with, if any (for connections of one's own, as a bulk loader opens). */
    public Optional<String> password() {
        if (uri.getCredentialsProvider() == null) {
            return Optional.empty();
        }
        RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
        return credentials == null || !credentials.hasPassword() ? Optional.empty()
                : Optional.of(new String(credentials.getPassword()));
    }

    /**
     * Which shard serves {@code key}: in Cluster mode the id of the node serving its slot now,
     * else {@code "primary"} (one shard holds everything).
     */
    public String shardOf(String key) {
        return clusterConnection == null ? "primary" : shardOfSlot(SlotHash.getSlot(key));
    }

    /** Which shard serves hash slot {@code slot}: as {@link #shardOf(String)}, for a slot already found. */
    public String shardOfSlot(int slot) {
        if (clusterConnection == null) {
            return "primary";
        }
        return clusterConnection.getPartitions().getPartitionBySlot(slot).getNodeId();
    }

    /** A connection from {@link #connectDedicated()}. */
    public record Dedicated(RedisClusterCommands<String, String> sync, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }

    /** A PING round-trip and what answered it, for an application's own health endpoint. */
    public HealthProbe.Result probe() {
        return HealthProbe.run(this);
    }

    @Override
    public void close() {
        if (clusterConnection != null) {
            clusterConnection.close();
            LettuceResources.shutdown(clusterClient);
        } else {
            connection.close();
            LettuceResources.shutdown(redisClient);
        }
    }
}
