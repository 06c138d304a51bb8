package dev.spinel.client.lock;

/** With {@link Durability#REPLICATED}: not every replica confirmed the acquire in time, so it was undone. */
public final class LockNotReplicatedException extends LockException {
    public LockNotReplicatedException(String message) {
        super(message);
    }
}
