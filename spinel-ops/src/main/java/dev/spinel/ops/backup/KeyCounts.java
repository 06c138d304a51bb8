package dev.spinel.ops.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keys per database ({@code db0}) and how many of them have a time to live, as a load of a backup
 * counted them. Keys with a TTL may expire between that count and a later load, so a restored
 * node is right when each database holds between {@code keys - expires} and {@code keys} keys.
 */
public record KeyCounts(Map<String, Long> keys, Map<String, Long> expires) {

    /** Both counts added database by database: a cluster's shards together. */
    public KeyCounts plus(KeyCounts other) {
        return new KeyCounts(add(keys, other.keys), add(expires, other.expires));
    }

    private static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new TreeMap<>(a);
        b.forEach((db, n) -> sum.merge(db, n, Long::sum));
        return sum;
    }

    /** What differs between {@code live} (keys per database on a restored node) and these counts; empty when it fits. */
    public List<String> mismatches(Map<String, Long> live) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> databases = new TreeSet<>(keys.keySet());
        databases.addAll(live.keySet());
        for (String db : databases) {
            long expected = keys.getOrDefault(db, 0L);
            long mayExpire = expires.getOrDefault(db, 0L);
            long found = live.getOrDefault(db, 0L);
            if (found > expected || found < expected - mayExpire) {
                problems.add(db + " holds " + found + " keys, the backup " + expected
                        + (mayExpire > 0 ? " (" + mayExpire + " of them with a TTL, which may have expired)" : ""));
            }
        }
        return problems;
    }
}
