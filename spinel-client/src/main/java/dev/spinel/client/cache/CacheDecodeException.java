package dev.spinel.client.cache;

/** A stored value the region's codec cannot read (written by another version of the application, say). */
public final class CacheDecodeException extends RuntimeException {
    public CacheDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
