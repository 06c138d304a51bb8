package dev.spinel.client.lock;

/**
 * Release or extend by someone who no longer holds the lock: it was released already, or its
 * lease ran out (and perhaps another holder has it now, which is left untouched).
 */
public final class LockNotHeldException extends LockException {
    public LockNotHeldException(String message) {
        super(message);
    }
}
