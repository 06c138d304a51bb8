package dev.spinel.client.lock;

import java.time.Duration;
import java.time.Instant;

/**
 * A lock as operators see it, read from its keys alone.
 *
 * @param holderToken the random token of the current holder (identifies, grants nothing by itself)
 * @param fencingToken the fencing token the holder got
 * @param remainingLease until the lease runs out unless extended
 * @param acquiredAt when the holder acquired it, by the Redis server's clock
 * @param waiters holders waiting for it now
 */
public record LockInfo(String name, String holderToken, long fencingToken, Duration remainingLease, Instant acquiredAt,
                       long waiters) {
}
