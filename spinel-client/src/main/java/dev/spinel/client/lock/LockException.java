package dev.spinel.client.lock;

/** Base of every lock failure; the subclasses say which. */
public class LockException extends RuntimeException {
    public LockException(String message) {
        super(message);
    }

    public LockException(String message, Throwable cause) {
        super(message, cause);
    }
}
