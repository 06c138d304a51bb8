package dev.spinel.client.keys;

import java.util.Objects;

/**
 * The one definition of every key Spinel writes, so operators' tools can read lock and cache
 * state without the application. Keys are {@code <prefix>:<kind>:{<name>}...}: the braces make
 * every key of one lock (or one cache entry's bookkeeping) hash to the same Cluster slot, which
 * lets one Lua script touch them all.
 *
 * <pre>
 * spinel:lock:{name}            hash: token, fence, acquired-at (ms); expires with the lease
 * spinel:lock:{name}:fence      counter: the last fencing token handed out; never expires
 * spinel:lock:{name}:released   pub/sub channel: a message on every release
 * spinel:lock:{name}:waiters    sorted set: waiting holders' tokens, scored by when they give up (ms)
 * spinel:cache:region:v7:key    a cached value of region "region" at version 7, with the region's TTL
 * spinel:cache:region:version   counter: the region's version; bumping it orphans every older entry
 * spinel:cache:invalidations    stream: invalidation events (version bumps, keys, patterns), capped
 * </pre>
 */
public final class KeySchema {
    public static final String DEFAULT_PREFIX = "spinel";
    private static final KeySchema DEFAULT = new KeySchema(DEFAULT_PREFIX);

    private final String prefix;

    private KeySchema(String prefix) {
        this.prefix = prefix;
    }

    public static KeySchema defaults() {
        return DEFAULT;
    }

    /** A schema under another prefix, for applications sharing one Redis. */
    public static KeySchema withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || !prefix.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a key prefix is letters, digits, '_', '.' or '-', got '" + prefix + "'");
        }
        return new KeySchema(prefix);
    }

    public String prefix() {
        return prefix;
    }

    public String lockKey(String name) {
        return prefix + ":lock:{" + checkName(name) + "}";
    }

    public String lockFenceKey(String name) {
        return lockKey(name) + ":fence";
    }

    public String lockReleasedChannel(String name) {
        return lockKey(name) + ":released";
    }

    public String lockWaitersKey(String name) {
        return lockKey(name) + ":waiters";
    }

    /** The region name is checked where regions are made (Region); this runs on every cache operation. */
    public String cacheEntryKey(String region, long version, String key) {
        return prefix + ":cache:" + region + ":v" + version + ":" + key;
    }

    /** A SCAN MATCH pattern for the entries of one region version whose keys match {@code glob}. */
    public String cacheEntryPattern(String region, long version, String glob) {
        return prefix + ":cache:" + checkRegion(region) + ":v" + version + ":" + glob;
    }

    public String cacheVersionKey(String region) {
        return prefix + ":cache:" + checkRegion(region) + ":version";
    }

    public String cacheInvalidationStream() {
        return prefix + ":cache:invalidations";
    }

    static String checkRegion(String region) {
        Objects.requireNonNull(region, "region");
        if (!region.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a region name is letters, digits, '_', '.' or '-', got '" + region + "'");
        }
        return region;
    }

    /** A SCAN MATCH pattern for every lock key (not the fence counters). */
    public String lockScanPattern() {
        return prefix + ":lock:{*}";
    }

    /**
     * The lock name inside a lock key, or null when the key is not one. The inverse of
     * {@link #lockKey}, for tools that list locks by SCAN.
     */
    public String lockName(String key) {
        String start = prefix + ":lock:{";
        if (!key.startsWith(start) || !key.endsWith("}")) {
            return null;
        }
        return key.substring(start.length(), key.length() - 1);
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a name is non-empty and has no '{' or '}' (they set Cluster hash tags),"
                    + " got '" + name + "'");
        }
        return name;
    }
}
