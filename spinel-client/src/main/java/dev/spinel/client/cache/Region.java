package dev.spinel.client.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named family of cache entries sharing a key pattern and a time to live, as teams define them:
 * {@code file:metadata:{id}} for 5 minutes, {@code node:stats:{id}} for 60 seconds,
 * {@code replication:status} with no placeholder at all.
 *
 * @param name the region's name in Spinel's key schema (letters, digits, '_', '.', '-')
 * @param keyPattern the application's key, with at most one {@code {placeholder}}
 * @param ttl how long an entry lives; every entry has one, so nothing is cached forever
 * @param earlyRefresh 0 for none; else the beta of probabilistic early refresh ("XFetch", Vattani
 *                     et al.): {@code getOrLoad} reloads a hot entry shortly before it expires, with a
 *                     probability that rises as expiry nears, so its readers never all miss at once.
 *                     1.0 is the usual value; larger refreshes earlier
 */
public record Region(String name, String keyPattern, Duration ttl, double earlyRefresh) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");

    public Region {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyPattern, "keyPattern");
        Objects.requireNonNull(ttl, "ttl");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a region name is letters, digits, '_', '.' or '-', got '" + name + "'");
        }
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("region " + name + ": ttl must be at least 1 ms, got " + ttl);
        }
        Matcher matcher = PLACEHOLDER.matcher(keyPattern);
        int placeholders = 0;
        while (matcher.find()) {
            placeholders++;
        }
        if (earlyRefresh < 0 || Double.isNaN(earlyRefresh)) {
            throw new IllegalArgumentException("region " + name + ": earlyRefresh must be 0 or more, got " + earlyRefresh);
        }
        if (placeholders > 1) {
            throw new IllegalArgumentException("region " + name + ": key pattern '" + keyPattern
                    + "' has " + placeholders + " placeholders; one at most");
        }
    }

    public static Region of(String name, String keyPattern, Duration ttl) {
        return new Region(name, keyPattern, ttl, 0);
    }

    /** This region with probabilistic early refresh (see {@code earlyRefresh}). */
    public Region withEarlyRefresh(double beta) {
        return new Region(name, keyPattern, ttl, beta);
    }

    public boolean hasPlaceholder() {
        return PLACEHOLDER.matcher(keyPattern).find();
    }

    /** The application key for {@code id}: the pattern with its placeholder replaced. */
    public String key(String id) {
        Objects.requireNonNull(id, "id");
        int open = keyPattern.indexOf('{');
        if (open < 0) {
            if (!id.isEmpty()) {
                throw new IllegalArgumentException("region " + name + " has the single key '" + keyPattern
                        + "'; use the methods without an id");
            }
            return keyPattern;
        }
        // Plain concatenation rather than a regex: this runs on every cache operation.
        return keyPattern.substring(0, open) + id + keyPattern.substring(keyPattern.indexOf('}', open) + 1);
    }

    /** A SCAN glob over this region's keys with {@code idGlob} in place of the placeholder. */
    String keyGlob(String idGlob) {
        return hasPlaceholder() ? PLACEHOLDER.matcher(keyPattern).replaceFirst(Matcher.quoteReplacement(idGlob))
                : keyPattern;
    }
}
