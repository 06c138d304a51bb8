package dev.spinel.client.audit;

import dev.spinel.client.connect.InfoFields;
import dev.spinel.client.connect.SpinelClient;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Compares each primary with each of its replicas, key by key, without blocking either: SCAN in
 * batches, and per key a digest of what the replica would have to hold (DUMP: type and value in
 * Redis's own serialization) and whether it expires. Replication is asynchronous, so the audit
 * first lets each replica catch up to the primary's offset, and keys that differ are read again
 * after a second catch-up: only differences that survive it are reported. A primary that stops
 * being one, or a replica that moves to another primary, makes the pair inconclusive.
 * With repair, each differing or missing key is rewritten on the primary (RESTORE ... REPLACE of
 * its own DUMP), and an extra key deleted through the primary, so replication carries the fix.
 */
public final class ConsistencyAudit {
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final int SCAN_COUNT = 1000;
    private static final Duration POLL = Duration.ofMillis(10);
    private static final RedisCodec<String, byte[]> KEYS_TO_BYTES = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private ConsistencyAudit() {
    }

    /** One primary and one of its replicas, as compared. */
    public record PairReport(String primary, String replica, long keysCompared, List<String> missing,
                             List<String> extra, List<String> differing, boolean repaired, String inconclusive) {
        public boolean clean() {
            return inconclusive.isEmpty() && missing.isEmpty() && extra.isEmpty() && differing.isEmpty();
        }
    }

    /** Audits every primary the client reaches against each replica it has now. */
    public static List<PairReport> run(SpinelClient client, boolean repair) {
        List<PairReport> reports = new ArrayList<>();
        RedisClient direct = RedisClient.create();
        try {
            for (InetSocketAddress primary : client.primaryAddresses()) {
                try (StatefulRedisConnection<String, byte[]> primaryConnection = connect(direct, client, primary)) {
                    for (InetSocketAddress replica : InfoFields.replicas(primaryConnection.sync().info("replication"))) {
                        reports.add(auditPair(direct, client, primaryConnection, primary, replica, repair));
                    }
                } catch (RedisException e) {
                    reports.add(inconclusive(address(primary), "its replicas", "could not ask the primary for its"
                            + " replicas (" + e.getMessage() + "): a failover or a restart during the audit?"));
                }
            }
        } finally {
            direct.shutdown();
        }
        return reports;
    }

    /**
     * One pair; a connection that breaks meanwhile (Sentinel kills the clients of the nodes it
     * reconfigures in a failover) makes it inconclusive rather than failing the whole audit.
     */
    private static PairReport auditPair(RedisClient direct, SpinelClient client,
                                        StatefulRedisConnection<String, byte[]> primaryConnection,
                                        InetSocketAddress primary, InetSocketAddress replica, boolean repair) {
        try (StatefulRedisConnection<String, byte[]> replicaConnection = connect(direct, client, replica)) {
            return audit(primaryConnection, replicaConnection, address(primary), address(replica), repair);
        } catch (RedisException e) {
            return inconclusive(address(primary), address(replica), "a connection broke during the audit ("
                    + e.getMessage() + "): a failover or a restart?");
        }
    }

    private static PairReport audit(StatefulRedisConnection<String, byte[]> primaryConnection,
                                    StatefulRedisConnection<String, byte[]> replicaConnection,
                                    String primaryName, String replicaName, boolean repair) {
        RedisCommands<String, byte[]> primary = primaryConnection.sync();
        RedisCommands<String, byte[]> replica = replicaConnection.sync();
        if (isClusterEnabled(primary)) {
            replica.readOnly();
        }
        String lagging = catchUp(primary, replica, primaryName);
        if (!lagging.isEmpty()) {
            return inconclusive(primaryName, replicaName, lagging);
        }
        Set<String> suspects = new LinkedHashSet<>();
        long compared = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> batch = primary.scan(cursor, ScanArgs.Builder.limit(SCAN_COUNT));
            List<String> keys = batch.getKeys();
            compared += keys.size();
            List<Digest> onPrimary = digests(primaryConnection, keys);
            List<Digest> onReplica = digests(replicaConnection, keys);
            for (int i = 0; i < keys.size(); i++) {
                if (!onPrimary.get(i).equals(onReplica.get(i))) {
                    suspects.add(keys.get(i));
                }
            }
            cursor = batch;
        } while (!cursor.isFinished());
        cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> batch = replica.scan(cursor, ScanArgs.Builder.limit(SCAN_COUNT));
            List<String> keys = batch.getKeys();
            List<Digest> onPrimary = digests(primaryConnection, keys);
            for (int i = 0; i < keys.size(); i++) {
                if (onPrimary.get(i).dump() == null) {
                    suspects.add(keys.get(i));
                }
            }
            cursor = batch;
        } while (!cursor.isFinished());
        // Writes went on meanwhile: what differed may only have been in flight. Look again once caught up.
        lagging = catchUp(primary, replica, primaryName);
        if (!lagging.isEmpty()) {
            return inconclusive(primaryName, replicaName, lagging);
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (String key : suspects) {
            byte[] onPrimary = primary.dump(key);
            byte[] onReplica = replica.dump(key);
            if (onPrimary == null && onReplica != null) {
                extra.add(key);
            } else if (onPrimary != null && onReplica == null) {
                missing.add(key);
            } else if (onPrimary != null && !digests(primaryConnection, List.of(key))
                    .equals(digests(replicaConnection, List.of(key)))) {
                differing.add(key);
            }
        }
        if (repair) {
            for (String key : missing) {
                rewrite(primary, key);
            }
            for (String key : differing) {
                rewrite(primary, key);
            }
            for (String key : extra) {
                // DEL of a key the primary lacks is not replicated; a SET and DEL in one transaction is.
                primary.multi();
                primary.set(key, new byte[0]);
                primary.del(key);
                primary.exec();
            }
        }
        return new PairReport(primaryName, replicaName, compared, missing, extra, differing,
                repair && !(missing.isEmpty() && extra.isEmpty() && differing.isEmpty()), "");
    }

    /** What a key must be the same in: its serialized value (DUMP: type and content), and whether it expires. */
    private record Digest(byte[] dump, boolean expires) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Digest that && Arrays.equals(dump, that.dump) && expires == that.expires;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(dump) + Boolean.hashCode(expires);
        }
    }

    /** The keys' digests, asked for all at once: one round trip for the batch, not two per key. */
    private static List<Digest> digests(StatefulRedisConnection<String, byte[]> node, List<String> keys) {
        RedisAsyncCommands<String, byte[]> async = node.async();
        List<RedisFuture<byte[]>> dumps = new ArrayList<>(keys.size());
        List<RedisFuture<Long>> ttls = new ArrayList<>(keys.size());
        for (String key : keys) {
            dumps.add(async.dump(key));
            ttls.add(async.pttl(key));
        }
        List<Digest> digests = new ArrayList<>(keys.size());
        try {
            for (int i = 0; i < keys.size(); i++) {
                digests.add(new Digest(dumps.get(i).get(), ttls.get(i).get() >= 0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the audit", e);
        } catch (ExecutionException e) {
            throw new RedisException("the audit could not read " + keys.size() + " keys: " + e.getCause(), e);
        }
        return digests;
    }

    /** RESTORE of the primary's own DUMP, replacing it: replicated like any write, so replicas get it. */
    private static void rewrite(RedisCommands<String, byte[]> primary, String key) {
        byte[] dump = primary.dump(key);
        if (dump == null) {
            return;
        }
        long ttl = primary.pttl(key);
        primary.restore(key, dump, io.lettuce.core.RestoreArgs.Builder.ttl(Math.max(ttl, 0)).replace());
    }

    /** Empty once the replica has every write the primary had when asked, else why not. */
    private static String catchUp(RedisCommands<String, byte[]> primary, RedisCommands<String, byte[]> replica,
                                  String primaryName) {
        String replication = primary.info("replication");
        String role = field(replication, "role");
        if (!"master".equals(role)) {
            return primaryName + " is no longer a primary (role " + role + "): a failover happened during the audit";
        }
        long target = InfoFields.number(replication, "master_repl_offset");
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            String info = replica.info("replication");
            String master = field(info, "master_host") + ":" + field(info, "master_port");
            if (!"slave".equals(field(info, "role")) || !master.equals(primaryName)) {
                return "the replica no longer follows " + primaryName + " (it follows " + master + ")";
            }
            String offset = field(info, "slave_repl_offset");
            if (!offset.isEmpty() && Long.parseLong(offset) >= target) {
                return "";
            }
            if (System.nanoTime() > deadline) {
                return "the replica did not catch up with " + primaryName + " within " + CATCH_UP.toSeconds() + " s";
            }
            pause();
        }
    }

    /** Between two INFO polls of a replica that is catching up: not a busy loop of INFO commands. */
    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the audit", e);
        }
    }

    private static PairReport inconclusive(String primary, String replica, String why) {
        return new PairReport(primary, replica, 0, List.of(), List.of(), List.of(), false, why);
    }

    private static boolean isClusterEnabled(RedisCommands<String, byte[]> node) {
        return "1".equals(field(node.info("cluster"), "cluster_enabled"));
    }

    private static StatefulRedisConnection<String, byte[]> connect(RedisClient direct, SpinelClient client,
                                                                   InetSocketAddress node) {
        RedisURI.Builder uri = RedisURI.builder().withHost(node.getHostString()).withPort(node.getPort());
        client.password().ifPresent(password -> uri.withPassword(password.toCharArray()));
        return direct.connect(KEYS_TO_BYTES, uri.build());
    }

    private static String field(String info, String name) {
        return InfoFields.field(info, name).orElse("");
    }

    private static String address(InetSocketAddress node) {
        return node.getHostString() + ":" + node.getPort();
    }
}
