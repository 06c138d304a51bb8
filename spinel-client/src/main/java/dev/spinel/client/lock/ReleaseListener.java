package dev.spinel.client.lock;

import dev.spinel.client.connect.SpinelClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes waiting acquirers when a lock is released, through one pub/sub connection shared by all
 * waiters of a {@link LockManager}. Waiters of one lock in this JVM share one semaphore and a
 * release wakes one of them: waking all would have them race for a lock only one can get. A
 * waiter that loses to another process waits again; every wait is bounded, so none can hang.
 * Waiters attempt once more after subscribing, so a release between a failed attempt and the
 * subscription is not missed. If pub/sub fails, waiters fall back to polling.
 */
final class ReleaseListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseListener.class);

    private final SpinelClient client;
    private final Map<String, Waiters> waiters = new ConcurrentHashMap<>();
    private volatile StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean broken;

    ReleaseListener(SpinelClient client) {
        this.client = client;
    }

    /** The waiters of one lock in this JVM. */
    private static final class Waiters {
        final Semaphore signal = new Semaphore(0);
        int count;
    }

    /** Registers interest in a channel; the returned semaphore gets a permit on every release. */
    Semaphore register(String channel) {
        synchronized (this) {
            Waiters entry = waiters.computeIfAbsent(channel, c -> new Waiters());
            if (entry.count++ == 0 && !broken) {
                try {
                    connection().sync().subscribe(channel);
                } catch (RuntimeException e) {
                    broken = true;
                    LOG.warn("lock release notifications unavailable, waiters poll instead: {}", e.getMessage());
                }
            }
            return entry.signal;
        }
    }

    void unregister(String channel) {
        synchronized (this) {
            Waiters entry = waiters.get(channel);
            if (entry == null || --entry.count > 0) {
                return;
            }
            waiters.remove(channel);
            if (connection != null && !broken) {
                // Not awaited: the new holder should not pay a round trip for it. Commands on the
                // connection stay in order, so a later subscribe to the same channel comes after it.
                connection.async().unsubscribe(channel).exceptionally(e -> {
                    LOG.debug("unsubscribe from {} failed: {}", channel, e.getMessage());
                    return null;
                });
            }
        }
    }

    /** Whether notifications work; when not, waiters must poll at short intervals. */
    boolean isWorking() {
        return !broken;
    }

    static boolean await(Semaphore signal, long millis) throws InterruptedException {
        return signal.tryAcquire(millis, TimeUnit.MILLISECONDS);
    }

    private StatefulRedisPubSubConnection<String, String> connection() {
        if (connection == null) {
            StatefulRedisPubSubConnection<String, String> created = client.connectPubSub();
            created.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    Waiters entry = waiters.get(channel);
                    if (entry != null) {
                        entry.signal.release();
                    }
                }
            });
            connection = created;
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
