package dev.spinel.ops.drill;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.Durability;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Writer threads for a drill: each writes unique keys ({@code drill:<run>:<writer>:<seq>}, spread
 * over every shard) in a loop and records in the ledger only what was acknowledged: the SET's
 * reply with {@code async}; with {@code replicated}, the SET and a WAIT confirming every replica of
 * the primary. WAIT for one replica of two is not enough: Sentinel promotes the replica it last saw
 * furthest ahead, from INFO up to a second old, which need not be the one that confirmed the write
 * (a stop-primary drill lost 121 writes confirmed by WAIT 1 that way).
 */
public final class DrillWriters implements AutoCloseable {
    /** Drill keys clean themselves up, long after any check of them. */
    private static final SetArgs EXPIRE = SetArgs.Builder.ex(Duration.ofHours(1));
    private static final Duration FAILURE_BACKOFF = Duration.ofMillis(10);

    private final SpinelClient client;
    private final String run;
    private final Durability durability;
    private final Duration replicaTimeout;
    private final int replicas;
    private final AckLedger ledger;
    /** Nanoseconds between one writer's attempts; 0 when they go as fast as they can. */
    private final long intervalNanos;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** @param rate write attempts per second across all writers; 0 for as fast as they can */
    public DrillWriters(SpinelClient client, String run, int writers, int rate, Durability durability, int replicas,
                        Duration replicaTimeout, AckLedger ledger) {
        this.client = client;
        this.intervalNanos = rate > 0 ? 1_000_000_000L * writers / rate : 0;
        this.replicas = replicas;
        this.run = run;
        this.durability = durability;
        this.replicaTimeout = replicaTimeout;
        this.ledger = ledger;
        for (int i = 0; i < writers; i++) {
            int writer = i;
            threads.add(Thread.ofPlatform().name("drill-writer-" + i).daemon().unstarted(() -> write(writer)));
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    private void write(int writer) {
        long next = System.nanoTime();
        for (long seq = 0; running.get(); seq++) {
            next = pace(next);
            String key = "drill:" + run + ":" + writer + ":" + seq;
            try {
                client.sync().set(key, Long.toString(seq), EXPIRE);
                if (durability == Durability.REPLICATED
                        && client.waitForReplicas(key, replicas, replicaTimeout) < replicas) {
                    ledger.failed(System.nanoTime());
                    continue;
                }
                ledger.acknowledged(key, System.nanoTime());
            } catch (RuntimeException e) {
                ledger.failed(System.nanoTime(), reason(e));
                backOff();
            }
        }
    }

    /** A failure's kind for the report: the exception's class and the start of Redis's error, if any. */
    private static String reason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        String code = message.isEmpty() || !Character.isUpperCase(message.charAt(0)) ? "" : " " + message.split(" ")[0];
        return e.getClass().getSimpleName() + code;
    }

    /**
     * Waits for the next attempt's turn at the asked rate. Turns missed during an outage are not
     * made up in a burst: the schedule starts again from now.
     */
    private long pace(long next) {
        if (intervalNanos == 0) {
            return next;
        }
        long now = System.nanoTime();
        if (next > now) {
            LockSupport.parkNanos(next - now);
            return next + intervalNanos;
        }
        return now + intervalNanos;
    }

    /**
     * A pause after a failed write, as an application's retry would make: some failures come back
     * at once (CLUSTERDOWN, NOREPLICAS), and writers spinning on them would starve the 2 cores the
     * failover itself runs on.
     */
    private static void backOff() {
        try {
            Thread.sleep(FAILURE_BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
