package dev.spinel.client.lock;

/** The lock stayed held by another holder for the whole wait. */
public final class LockTimeoutException extends LockException {
    public LockTimeoutException(String message) {
        super(message);
    }
}
