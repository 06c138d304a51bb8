package dev.spinel.client.lock;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.keys.KeySchema;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Distributed locks on a Spinel topology: a random token per holder, a lease that runs out if the
 * holder dies, release and extend only by the holder (atomically, in Lua), fencing tokens, and
 * waiting that is woken by the release itself rather than by polling.
 *
 * <pre>{@code
 * LockManager locks = LockManager.builder(client).durability(Durability.REPLICATED).build();
 * try (Lock lock = locks.acquire("file_upload:" + id, Duration.ofSeconds(300), Duration.ofSeconds(5))) {
 *     ...
 * }
 * }</pre>
 */
public final class LockManager implements AutoCloseable {
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    /**
     * WAIT returns as soon as every replica acknowledged (milliseconds); the timeout matters only
     * when one cannot. It is the slowest replica's time that counts, and on a loaded host a replica
     * busy with the AOF rewrite that follows its first sync took over 500 ms (a CI run).
     */
    public static final Duration DEFAULT_REPLICA_ACK_TIMEOUT = Duration.ofSeconds(2);
    /** Longest a waiter sleeps between attempts when no release message comes (a message lost in a failover). */
    static final long MAX_WAIT_ROUND_MILLIS = 1_000;
    /** Round length when release messages are unavailable: polling, the fallback. */
    static final long POLL_ROUND_MILLIS = 50;

    private final SpinelClient client;
    private final KeySchema keys;
    private final Durability durability;
    private final Duration replicaAckTimeout;
    private final boolean watchdogEnabled;
    private final ReleaseListener releases;
    private final Watchdog watchdog;
    private final SecureRandom random = new SecureRandom();

    private LockManager(Builder builder) {
        this.client = builder.client;
        this.keys = builder.client.keys();
        this.durability = builder.durability;
        this.replicaAckTimeout = builder.replicaAckTimeout;
        this.watchdogEnabled = builder.watchdog;
        this.releases = new ReleaseListener(client);
        this.watchdog = new Watchdog();
    }

    public static LockManager create(SpinelClient client) {
        return builder(client).build();
    }

    public static Builder builder(SpinelClient client) {
        return new Builder(client);
    }

    /** Acquires with the default lease (30 s) and wait (10 s). */
    public Lock acquire(String name) {
        return acquire(name, DEFAULT_LEASE, DEFAULT_WAIT);
    }

    /**
     * Acquires the lock, waiting up to {@code waitTimeout} while another holder has it.
     *
     * @throws LockTimeoutException when it stayed held for the whole wait
     * @throws LockNotReplicatedException with {@link Durability#REPLICATED}, when not every replica confirmed it
     */
    public Lock acquire(String name, Duration lease, Duration waitTimeout) {
        checkLease(lease);
        Objects.requireNonNull(waitTimeout, "waitTimeout");
        String token = newToken();
        String channel = keys.lockReleasedChannel(name);
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        Semaphore signal = null;
        boolean acquired = false;
        try {
            while (true) {
                long waitLeft = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                List<Object> reply = LockScripts.ACQUIRE.run(commands(), ScriptOutputType.MULTI, lockKeys(name),
                        token, Long.toString(lease.toMillis()), Long.toString(waitLeft), signal == null ? "0" : "1");
                if (((Number) reply.get(0)).longValue() == 1) {
                    acquired = true;
                    return granted(name, token, ((Number) reply.get(1)).longValue(), lease);
                }
                if (waitLeft == 0) {
                    throw new LockTimeoutException("lock '" + name + "' is held by another holder; waited "
                            + waitTimeout.toMillis() + " ms");
                }
                if (signal == null) {
                    // Subscribe, then attempt again at once: a release in between is not missed.
                    signal = releases.register(channel);
                    continue;
                }
                long heldFor = ((Number) reply.get(1)).longValue();
                long round = releases.isWorking() ? MAX_WAIT_ROUND_MILLIS : POLL_ROUND_MILLIS;
                if (heldFor > 0) {
                    round = Math.min(round, heldFor);
                }
                ReleaseListener.await(signal, Math.max(1, Math.min(round, waitLeft)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockException("interrupted while waiting for lock '" + name + "'", e);
        } finally {
            if (signal != null) {
                releases.unregister(channel);
            }
            if (signal != null && !acquired) {
                // The acquire script removes a waiter that gets the lock; one that gives up leaves here.
                LockScripts.LEAVE.run(commands(), ScriptOutputType.INTEGER,
                        new String[] {keys.lockWaitersKey(name), keys.lockKey(name)}, token);
            }
        }
    }

    /** Acquires the lock only if it is free right now. */
    public Optional<Lock> tryAcquire(String name, Duration lease) {
        try {
            return Optional.of(acquire(name, lease, Duration.ZERO));
        } catch (LockTimeoutException e) {
            return Optional.empty();
        }
    }

    /** The lock's current holder as stored in Redis, or empty when nobody holds it. */
    public Optional<LockInfo> info(String name) {
        RedisClusterCommands<String, String> commands = commands();
        String key = keys.lockKey(name);
        Map<String, String> fields = commands.hgetall(key);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        long pttl = commands.pttl(key);
        // Waiters are scored by when they give up, on the server's clock.
        List<String> time = commands.time();
        double now = Long.parseLong(time.get(0)) * 1000.0 + Long.parseLong(time.get(1)) / 1000;
        long waiters = commands.zcount(keys.lockWaitersKey(name), Range.create(now, Double.POSITIVE_INFINITY));
        return Optional.of(new LockInfo(name, fields.get("token"), Long.parseLong(fields.getOrDefault("fence", "0")),
                Duration.ofMillis(Math.max(0, pttl)), Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("acquired", "0"))),
                waiters));
    }

    void extend(Lock lock, Duration lease) {
        checkLease(lease);
        long extended = LockScripts.EXTEND.run(commands(), ScriptOutputType.INTEGER,
                new String[] {keys.lockKey(lock.name())}, lock.token(), Long.toString(lease.toMillis()));
        if (extended == 0) {
            throw new LockNotHeldException("lock '" + lock.name() + "' (fencing token " + lock.fencingToken()
                    + ") is no longer held by this holder: its lease ran out, or a failover lost it");
        }
    }

    void release(Lock lock) {
        long released = LockScripts.RELEASE.run(commands(), ScriptOutputType.INTEGER,
                new String[] {keys.lockKey(lock.name())}, lock.token(), keys.lockReleasedChannel(lock.name()));
        if (released == 0) {
            throw new LockNotHeldException("lock '" + lock.name() + "' (fencing token " + lock.fencingToken()
                    + ") was not held by this holder any more when released: its lease ran out, or a failover lost it");
        }
    }

    private Lock granted(String name, String token, long fence, Duration lease) {
        Lock lock = new Lock(this, name, token, fence, lease);
        if (durability == Durability.REPLICATED) {
            SpinelClient.ReplicaAcks acks = client.waitForEveryReplica(keys.lockKey(name), replicaAckTimeout);
            if (!acks.all()) {
                try {
                    release(lock);
                } catch (LockException e) {
                    // The lease ran out meanwhile; nothing left to undo.
                }
                throw new LockNotReplicatedException("lock '" + name + "' was acquired, but " + acks.acknowledged()
                        + " of the primary's " + acks.replicas() + " replicas confirmed it within "
                        + replicaAckTimeout.toMillis() + " ms, so it was released again");
            }
        }
        if (watchdogEnabled) {
            lock.watchdog(watchdog.watch(lock, lease));
        }
        return lock;
    }

    private String[] lockKeys(String name) {
        return new String[] {keys.lockKey(name), keys.lockFenceKey(name), keys.lockWaitersKey(name)};
    }

    private RedisClusterCommands<String, String> commands() {
        return client.sync();
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void checkLease(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.toMillis() < 1) {
            throw new IllegalArgumentException("a lease must be at least 1 ms, got " + lease);
        }
    }

    @Override
    public void close() {
        watchdog.close();
        releases.close();
    }

    /** Settings of a {@link LockManager}. */
    public static final class Builder {
        private final SpinelClient client;
        private Durability durability = Durability.ASYNC;
        private Duration replicaAckTimeout = DEFAULT_REPLICA_ACK_TIMEOUT;
        private boolean watchdog;

        private Builder(SpinelClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** With {@link Durability#REPLICATED}: how long an acquire waits for every replica's acknowledgement (default 2 s). */
        public Builder replicaAckTimeout(Duration timeout) {
            this.replicaAckTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Extend every lock's lease while its holder lives (off by default: a lease is a promise to finish in time). */
        public Builder watchdog(boolean enabled) {
            this.watchdog = enabled;
            return this;
        }

        public LockManager build() {
            return new LockManager(this);
        }
    }
}
