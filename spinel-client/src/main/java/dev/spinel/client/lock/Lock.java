package dev.spinel.client.lock;

import java.time.Duration;

/**
 * A held distributed lock. Release it with try-with-resources:
 *
 * <pre>{@code
 * try (Lock lock = locks.acquire("file_upload:" + id, Duration.ofSeconds(300), Duration.ofSeconds(10))) {
 *     storage.write(file, lock.fencingToken());   // the storage refuses tokens older than the last it saw
 * }
 * }</pre>
 *
 * <p>Fencing: a holder can lose its lock without noticing (a GC pause longer than the lease, a
 * network partition). Pass {@link #fencingToken()} along with every write to the protected
 * resource and have the resource remember the highest token it has seen and refuse lower ones;
 * tokens of one lock only ever increase, so a stale holder's writes are refused.
 */
public final class Lock implements AutoCloseable {
    private final LockManager manager;
    private final String name;
    private final String token;
    private final long fencingToken;
    private volatile Duration lease;
    private volatile boolean released;
    private volatile Watchdog.Handle watchdog;

    Lock(LockManager manager, String name, String token, long fencingToken, Duration lease) {
        this.manager = manager;
        this.name = name;
        this.token = token;
        this.fencingToken = fencingToken;
        this.lease = lease;
    }

    public String name() {
        return name;
    }

    /** The random token that identifies this holder in Redis. */
    public String token() {
        return token;
    }

    /** Strictly greater than the token of every earlier holder of this lock. */
    public long fencingToken() {
        return fencingToken;
    }

    public Duration lease() {
        return lease;
    }

    /**
     * Sets the remaining lease to {@code lease} from now.
     *
     * @throws LockNotHeldException if the lease ran out already (another holder may have it)
     */
    public void extend(Duration lease) {
        if (released) {
            throw new LockNotHeldException("lock '" + name + "' was released; it cannot be extended");
        }
        manager.extend(this, lease);
        this.lease = lease;
    }

    /**
     * Releases the lock.
     *
     * @throws LockNotHeldException if it was released already or its lease ran out (another holder's
     *                              lock is then left as it is)
     */
    public void release() {
        if (released) {
            throw new LockNotHeldException("lock '" + name + "' was released twice");
        }
        released = true;
        stopWatchdog();
        manager.release(this);
    }

    /** Releases the lock unless already released; a lease that ran out is reported as {@link LockNotHeldException}. */
    @Override
    public void close() {
        if (!released) {
            release();
        }
    }

    void watchdog(Watchdog.Handle handle) {
        this.watchdog = handle;
    }

    private void stopWatchdog() {
        Watchdog.Handle handle = watchdog;
        if (handle != null) {
            handle.stop();
        }
    }
}
