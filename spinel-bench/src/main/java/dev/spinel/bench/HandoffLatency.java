package dev.spinel.bench;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.Lock;
import dev.spinel.client.lock.LockManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Contended hand-off latency: one holder releases while one waiter is blocked on the same lock;
 * the time from the release call to the waiter holding the lock, over many rounds after a
 * warm-up, p50 and p99.
 * Spinel (woken by the release message), Redisson (likewise), and polling every 100 ms as a
 * team's hand-written lock did. Not JMH: it measures a two-party protocol, not a call.
 */
public final class HandoffLatency {
    private static final int ROUNDS = Integer.getInteger("spinel.bench.rounds", 200);
    /** Unmeasured rounds first, as JMH's warm-up: the JIT compiles the hand-off path meanwhile. */
    private static final int WARMUP_ROUNDS = Integer.getInteger("spinel.bench.warmup", 50);
    /** Time for the waiter to be blocked in its acquire before the holder releases. */
    private static final long WAITER_SETTLE_MILLIS = 20;

    private HandoffLatency() {
    }

    /** One side of the hand-off. */
    interface Contender {
        void acquire() throws InterruptedException;

        void release();
    }

    public static void main(String[] args) throws Exception {
        try (SpinelClient spinel = SpinelClient.create(Target.uri()); LockManager locks = LockManager.create(spinel)) {
            report("spinel (release message)", measure(() -> spinelContender(locks, "handoff")));
            report("polling every 100 ms", measure(() -> pollingContender(locks, "handoff-poll")));
        }
        RedissonClient redisson = Redisson.create(Target.redissonConfig());
        try {
            report("redisson RLock", measure(() -> redissonContender(redisson.getLock("handoff-redisson"))));
        } finally {
            redisson.shutdown();
        }
    }

    private static long[] measure(java.util.function.Supplier<Contender> contenders) throws Exception {
        long[] micros = new long[WARMUP_ROUNDS + ROUNDS];
        Contender holder = contenders.get();
        Contender waiter = contenders.get();
        for (int round = 0; round < micros.length; round++) {
            holder.acquire();
            AtomicLong acquiredAt = new AtomicLong();
            Thread waiting = Thread.ofPlatform().start(() -> {
                try {
                    waiter.acquire();
                    acquiredAt.set(System.nanoTime());
                    waiter.release();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(WAITER_SETTLE_MILLIS);
            long releasedAt = System.nanoTime();
            holder.release();
            waiting.join(TimeUnit.SECONDS.toMillis(30));
            micros[round] = (acquiredAt.get() - releasedAt) / 1_000;
        }
        return Arrays.copyOfRange(micros, WARMUP_ROUNDS, micros.length);
    }

    private static void report(String name, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("| %-26s | %8.2f | %8.2f | %8.2f |%n", name, sorted[sorted.length / 2] / 1000.0,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0, sorted[sorted.length - 1] / 1000.0);
    }

    private static Contender spinelContender(LockManager locks, String name) {
        return new Contender() {
            private Lock lock;

            @Override
            public void acquire() {
                lock = locks.acquire(name, Duration.ofSeconds(30), Duration.ofSeconds(30));
            }

            @Override
            public void release() {
                lock.release();
            }
        };
    }

    private static Contender pollingContender(LockManager locks, String name) {
        return new Contender() {
            private Lock lock;

            @Override
            public void acquire() throws InterruptedException {
                Optional<Lock> got;
                while ((got = locks.tryAcquire(name, Duration.ofSeconds(30))).isEmpty()) {
                    Thread.sleep(100);
                }
                lock = got.get();
            }

            @Override
            public void release() {
                lock.release();
            }
        };
    }

    private static Contender redissonContender(RLock lock) {
        return new Contender() {
            @Override
            public void acquire() {
                lock.lock(30, TimeUnit.SECONDS);
            }

            @Override
            public void release() {
                lock.unlock();
            }
        };
    }
}
