package dev.spinel.client.lock;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extends the leases of watched locks while their holder lives: every third of the lease, back to
 * the full lease. If the holder's process dies, extensions stop and the lease runs out, so a lock
 * is never held forever. An extension that finds the lock gone stops and logs it: the holder has
 * lost the lock, and only its fencing token can protect the resource now.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "spinel-lock-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** Stops the extensions of one lock. */
    interface Handle {
        void stop();
    }

    Handle watch(Lock lock, Duration lease) {
        long period = Math.max(1, lease.toMillis() / 3);
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = scheduler.scheduleAtFixedRate(() -> {
            try {
                lock.extend(lease);
            } catch (LockNotHeldException e) {
                LOG.warn("lock '{}' (fencing token {}) was lost before its holder released it", lock.name(),
                        lock.fencingToken());
                task[0].cancel(false);
            } catch (RuntimeException e) {
                LOG.warn("could not extend lock '{}', retrying: {}", lock.name(), e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return () -> task[0].cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
