package dev.spinel.client.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.spinel.client.connect.LettuceResources;
import dev.spinel.client.connect.SpinelClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process copy of cache entries, kept correct by Redis's client-side caching: on every
 * primary (one, or each of a Cluster's), a RESP3 connection asks for
 * {@code CLIENT TRACKING ON BCAST PREFIX <prefix>:cache:} and Redis pushes an invalidation for
 * every change of a key under it.
 *
 * <p>Never stale after an invalidation arrived: a read first puts a pending marker under the key,
 * then reads Redis, and replaces the marker with the value only if the marker is still there. An
 * invalidation that arrives meanwhile removes the marker, so the value read before it is not kept.
 * While any tracking connection is down (a failover, a network break) or the Cluster's topology
 * changes, everything is dropped and the near cache is bypassed until tracking is on everywhere.
 */
final class NearCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NearCache.class);

    /** A read in flight for a key. */
    static final class Pending {
    }

    private final Cache<String, Object> entries;
    private final ConcurrentMap<String, Object> map;
    private final SpinelClient client;
    private final String prefix;
    private final RedisClient trackingClient;
    /** Read from Lettuce's event-loop threads without locking: a lock there could stall a connect. */
    private final List<StatefulRedisConnection<String, String>> trackers = new CopyOnWriteArrayList<>();
    private final Set<RedisChannelHandler<?, ?>> tracking = ConcurrentHashMap.newKeySet();
    private final AutoCloseable topologyWatch;
    private volatile boolean active;

    NearCache(SpinelClient client, long maximumEntries, Duration maximumAge) {
        this.client = client;
        this.entries = Caffeine.newBuilder().maximumSize(maximumEntries).expireAfterWrite(maximumAge).build();
        this.map = entries.asMap();
        this.prefix = client.keys().prefix() + ":cache:";
        this.trackingClient = client.newWatchedClient(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (isTracker(connection)) {
                    enableTracking(connection);
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (isTracker(connection)) {
                    tracking.remove(connection);
                    deactivate();
                }
            }
        });
        rebuild();
        this.topologyWatch = client.onTopologyChange(this::rebuild);
    }

    /** The local value, or null when there is none (or the near cache is bypassed right now). */
    Object lookup(String key) {
        if (!active) {
            return null;
        }
        Object value = map.get(key);
        return value instanceof Pending ? null : value;
    }

    /** Marks a read of {@code key} as started; null when the near cache is bypassed. */
    Pending begin(String key) {
        if (!active) {
            return null;
        }
        Pending pending = new Pending();
        map.put(key, pending);
        return pending;
    }

    /** Keeps the value read, unless an invalidation came in since {@link #begin}. */
    void complete(String key, Pending pending, Object value) {
        if (pending == null) {
            return;
        }
        if (value == null) {
            map.remove(key, pending);
        } else {
            map.replace(key, pending, value);
        }
    }

    long size() {
        return entries.estimatedSize();
    }

    /** (Re)connects a tracker to every primary; a Cluster topology change calls it again. */
    private synchronized void rebuild() {
        deactivate();
        trackers.forEach(StatefulRedisConnection::close);
        trackers.clear();
        tracking.clear();
        try {
            for (RedisURI uri : client.trackingUris()) {
                StatefulRedisConnection<String, String> tracker = trackingClient.connect(StringCodec.UTF8, uri);
                tracker.addListener((PushListener) this::onPush);
                tracker.sync().clientTracking(TrackingArgs.Builder.enabled().bcast().prefixes(prefix));
                trackers.add(tracker);
                tracking.add((RedisChannelHandler<?, ?>) tracker);
            }
            refreshActive();
        } catch (RuntimeException e) {
            LOG.warn("near cache off until the next topology change: cannot turn client tracking on: {}", e.getMessage());
        }
    }

    private boolean isTracker(RedisChannelHandler<?, ?> connection) {
        return trackers.stream().anyMatch(tracker -> tracker == connection);
    }

    private void onPush(PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent();
        Object keys = content.size() > 1 ? content.get(1) : null;
        if (keys instanceof List<?> list) {
            for (Object key : list) {
                map.remove(key instanceof ByteBuffer buffer
                        ? StandardCharsets.UTF_8.decode(buffer.duplicate()).toString() : String.valueOf(key));
            }
        } else {
            // A null key list means "flush everything" (FLUSHALL, or the server dropped its tracking table).
            map.clear();
        }
    }

    private void enableTracking(RedisChannelHandler<?, ?> connection) {
        deactivate();
        @SuppressWarnings("unchecked")
        StatefulRedisConnection<String, String> tracker = (StatefulRedisConnection<String, String>) connection;
        tracker.async().clientTracking(TrackingArgs.Builder.enabled().bcast().prefixes(prefix))
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        tracking.add(connection);
                        refreshActive();
                    } else {
                        LOG.warn("could not turn client tracking on again; the near cache stays off: {}",
                                failure.getMessage());
                    }
                });
    }

    private void deactivate() {
        active = false;
        map.clear();
    }

    private void refreshActive() {
        active = !trackers.isEmpty() && trackers.stream().allMatch(tracking::contains);
    }

    @Override
    public synchronized void close() {
        active = false;
        try {
            topologyWatch.close();
        } catch (Exception e) {
            LOG.debug("stopping the topology watch failed: {}", e.getMessage());
        }
        trackers.forEach(StatefulRedisConnection::close);
        LettuceResources.shutdown(trackingClient);
    }
}
