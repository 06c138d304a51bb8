package dev.spinel.client.lock;

/**
 * Release or extend by someone who no longer holds the lock: it was released already, its lease
 * ran out, or a failover lost it (an ASYNC lock the new primary never received, or a client still
 * talking to a demoted primary). Another holder may have it now, which is left untouched.
 */
public final class LockNotHeldException extends LockException {
    public LockNotHeldException(String message) {
        super(message);
    }
}
