package dev.spinel.client.cache;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.keys.KeySchema;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each region's version, kept in this JVM and told about bumps by the invalidation stream. The
 * stream (unlike pub/sub) keeps its events, so an instance that was disconnected for a moment
 * reads what it missed when it reconnects; if it was away longer than the stream holds, it reads
 * every version again from Redis.
 */
final class RegionVersions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegionVersions.class);
    static final long STREAM_MAX_LENGTH = 10_000;
    private static final Duration BLOCK = Duration.ofMillis(500);

    private final SpinelClient client;
    private final KeySchema keys;
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean closed;

    RegionVersions(SpinelClient client) {
        this.client = client;
        this.keys = client.keys();
        // Where reading starts is fixed before any version is read: a bump after this point is
        // read from the stream, and one before it is in the version read from Redis.
        String start = newestId(client.sync());
        this.reader = new Thread(() -> readLoop(start), "spinel-cache-invalidations");
        reader.setDaemon(true);
        reader.start();
    }

    long current(String region) {
        return versions.computeIfAbsent(region, r -> new AtomicLong(read(r))).get();
    }

    /** Increments the region's version in Redis and announces it; older entries are unreachable from now on. */
    long bump(String region) {
        long version = client.sync().incr(keys.cacheVersionKey(region));
        raise(region, version);
        publish(new InvalidationEvent(InvalidationEvent.Type.VERSION, region, Long.toString(version)));
        return version;
    }

    void publish(InvalidationEvent event) {
        client.sync().xadd(keys.cacheInvalidationStream(),
                XAddArgs.Builder.maxlen(STREAM_MAX_LENGTH).approximateTrimming(), event.fields());
    }

    private long read(String region) {
        String value = client.sync().get(keys.cacheVersionKey(region));
        return value == null ? 0 : Long.parseLong(value);
    }

    private void raise(String region, long version) {
        versions.computeIfAbsent(region, r -> new AtomicLong()).accumulateAndGet(version, Math::max);
    }

    @SuppressWarnings("unchecked") // xread takes StreamOffset varargs; one offset, no heap pollution
    private void readLoop(String start) {
        String lastId = start;
        boolean fresh = true;
        while (!closed) {
            try (SpinelClient.Dedicated connection = client.connectDedicated()) {
                if (fresh) {
                    fresh = false;
                } else {
                    // Back after a break: events may have been trimmed away meanwhile, so re-read versions.
                    versions.keySet().forEach(region -> raise(region, read(region)));
                }
                while (!closed) {
                    List<StreamMessage<String, String>> messages = connection.sync().xread(
                            XReadArgs.Builder.block(BLOCK).count(256),
                            XReadArgs.StreamOffset.from(keys.cacheInvalidationStream(), lastId));
                    for (StreamMessage<String, String> message : messages) {
                        lastId = message.getId();
                        InvalidationEvent.from(message.getBody()).ifPresent(this::apply);
                    }
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("reading cache invalidations failed, retrying: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void apply(InvalidationEvent event) {
        if (event.type() == InvalidationEvent.Type.VERSION) {
            raise(event.region(), Long.parseLong(event.argument()));
        }
    }

    private String newestId(RedisClusterCommands<String, String> commands) {
        List<StreamMessage<String, String>> newest = commands.xrevrange(keys.cacheInvalidationStream(),
                Range.create("-", "+"), Limit.from(1));
        return newest.isEmpty() ? "0-0" : newest.getFirst().getId();
    }

    private void pause() {
        try {
            Thread.sleep(BLOCK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
