package dev.spinel.client.cache;

/** The loader of {@code getOrLoad} failed; nothing was cached, and every caller that waited for it gets this. */
public final class CacheLoadException extends RuntimeException {
    public CacheLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
