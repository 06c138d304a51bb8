package dev.spinel.client.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs at most one load per key at a time in this JVM; callers that arrive meanwhile wait for
 * that load's result instead of starting their own (stampede protection).
 */
final class SingleFlight<V> {
    private final ConcurrentMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /** The result of the load of {@code key}: this caller's own, or the one already running. */
    V load(String key, Supplier<V> loader) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            mine.complete(loader.get());
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
        } finally {
            inFlight.remove(key, mine);
        }
        return join(mine);
    }

    /** Starts a load unless one runs already; for refreshes nobody waits for. */
    boolean isRunning(String key) {
        return inFlight.containsKey(key);
    }

    private static <V> V join(CompletableFuture<V> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadException("interrupted while waiting for another caller's load", e);
        } catch (ExecutionException e) {
            // The flight already typed its failures (a loader's as CacheLoadException, a refused store
            // as RedisRefusedException); every waiter gets the same one, unwrapped.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CacheLoadException("the load failed: " + cause, cause);
        }
    }
}
