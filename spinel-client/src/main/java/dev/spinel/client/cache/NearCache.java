package dev.spinel.client.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.spinel.client.connect.SpinelClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process copy of cache entries, kept correct by Redis's client-side caching: one RESP3
 * connection asks for {@code CLIENT TRACKING ON BCAST PREFIX <prefix>:cache:} and Redis pushes an
 * invalidation for every change of a key under it.
 *
 * <p>Never stale after an invalidation arrived: a read first puts a pending marker under the key,
 * then reads Redis, and replaces the marker with the value only if the marker is still there. An
 * invalidation that arrives meanwhile removes the marker, so the value read before it is not kept.
 * When the tracking connection drops (a failover, a network break), everything is dropped and the
 * near cache is bypassed until tracking is on again.
 */
final class NearCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NearCache.class);

    /** A read in flight for a key. */
    static final class Pending {
    }

    private final Cache<String, Object> entries;
    private final ConcurrentMap<String, Object> map;
    private final SpinelClient.Tracked tracked;
    private final String prefix;
    private volatile boolean active;

    NearCache(SpinelClient client, long maximumEntries, Duration maximumAge) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumEntries).expireAfterWrite(maximumAge).build();
        this.map = entries.asMap();
        this.prefix = client.keys().prefix() + ":cache:";
        this.tracked = client.connectTracked(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (NearCache.this.tracked != null) {
                    enableTracking();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                active = false;
                map.clear();
            }
        });
        tracked.connection().addListener((PushListener) this::onPush);
        tracked.connection().sync().clientTracking(TrackingArgs.Builder.enabled().bcast().prefixes(prefix));
        active = true;
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

    private void enableTracking() {
        map.clear();
        tracked.connection().async().clientTracking(TrackingArgs.Builder.enabled().bcast().prefixes(prefix))
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        active = true;
                    } else {
                        LOG.warn("could not turn client tracking on again; the near cache stays off: {}",
                                failure.getMessage());
                    }
                });
    }

    @Override
    public void close() {
        active = false;
        tracked.close();
    }
}
