package dev.spinel.client.shard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How keys spread over shards: keys per shard, and how far the fullest and emptiest shards are
 * from an even share. {@link #movedShare} tells what fraction of keys change shard between two
 * placements (adding a node to a ring of N should move about 1/(N+1)).
 *
 * @param keysPerShard     keys each shard got, every shard listed (zero included)
 * @param maxDeviation     the largest |keys - mean| / mean over the shards
 * @param relativeStdDev   the standard deviation of keys per shard over the mean
 */
public record Distribution<S>(Map<S, Long> keysPerShard, double maxDeviation, double relativeStdDev) {

    public Distribution {
        keysPerShard = Collections.unmodifiableMap(new LinkedHashMap<>(keysPerShard));
    }

    /** Places every key with {@code placement} and counts, listing every shard of {@code shards}. */
    public static <S> Distribution<S> of(Iterable<String> keys, Iterable<S> shards, Function<String, S> placement) {
        Map<S, Long> counts = new LinkedHashMap<>();
        shards.forEach(shard -> counts.put(shard, 0L));
        for (String key : keys) {
            S shard = placement.apply(key);
            if (!counts.containsKey(shard)) {
                throw new IllegalArgumentException("placement put '" + key + "' on " + shard + ", not one of " + counts.keySet());
            }
            counts.merge(shard, 1L, Long::sum);
        }
        double mean = counts.values().stream().mapToLong(Long::longValue).sum() / (double) counts.size();
        double maxDeviation = counts.values().stream().mapToDouble(n -> Math.abs(n - mean) / mean).max().orElse(0);
        double variance = counts.values().stream().mapToDouble(n -> (n - mean) * (n - mean)).sum() / counts.size();
        return new Distribution<>(counts, mean == 0 ? 0 : maxDeviation, mean == 0 ? 0 : Math.sqrt(variance) / mean);
    }

    /** The fraction of {@code keys} that {@code before} and {@code after} place on different shards. */
    public static <S> double movedShare(Iterable<String> keys, Function<String, S> before, Function<String, S> after) {
        long total = 0;
        long moved = 0;
        for (String key : keys) {
            total++;
            if (!before.apply(key).equals(after.apply(key))) {
                moved++;
            }
        }
        return total == 0 ? 0 : moved / (double) total;
    }
}
