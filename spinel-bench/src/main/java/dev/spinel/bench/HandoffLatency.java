package dev.spinel.bench;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.Lock;
import dev.spinel.client.lock.LockInfo;
import dev.spinel.client.lock.LockManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final long WAITING_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private HandoffLatency() {
    }

    /** One side of the hand-off. */
    interface Contender {
        void acquire() throws InterruptedException;

        void release();

        /** Whether this contender is blocked waiting for the lock, as Redis (or its own loop) shows it. */
        boolean isWaiting();
    }

    public static void main(String[] args) throws Exception {
        RedissonClient redisson = Redisson.create(Target.redissonConfig());
        try (SpinelClient spinel = SpinelClient.create(Target.uri()); LockManager locks = LockManager.create(spinel)) {
            report("spinel (release message)", measure(() -> spinelContender(locks, "handoff")));
            report("polling every 100 ms", measure(() -> pollingContender(locks, "handoff-poll")));
            report("redisson RLock", measure(() -> redissonContender(redisson.getLock("handoff-redisson"), spinel)));
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
            awaitWaiting(waiter);
            long releasedAt = System.nanoTime();
            holder.release();
            waiting.join(TimeUnit.SECONDS.toMillis(30));
            micros[round] = (acquiredAt.get() - releasedAt) / 1_000;
        }
        return Arrays.copyOfRange(micros, WARMUP_ROUNDS, micros.length);
    }

    /** Release only once the waiter is really blocked, or the figure would include its first attempt. */
    private static void awaitWaiting(Contender waiter) throws InterruptedException {
        long deadline = System.nanoTime() + WAITING_TIMEOUT_NANOS;
        while (!waiter.isWaiting()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the waiter never started waiting");
            }
            Thread.sleep(1);
        }
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

            @Override
            public boolean isWaiting() {
                return locks.info(name).map(LockInfo::waiters).orElse(0L) > 0;
            }
        };
    }

    private static Contender pollingContender(LockManager locks, String name) {
        return new Contender() {
            private Lock lock;
            private final AtomicInteger failedAttempts = new AtomicInteger();

            @Override
            public void acquire() throws InterruptedException {
                failedAttempts.set(0);
                Optional<Lock> got;
                while ((got = locks.tryAcquire(name, Duration.ofSeconds(30))).isEmpty()) {
                    failedAttempts.incrementAndGet();
                    Thread.sleep(100);
                }
                lock = got.get();
            }

            @Override
            public boolean isWaiting() {
                return failedAttempts.get() > 0;
            }

            @Override
            public void release() {
                lock.release();
            }
        };
    }

    /** Redisson's waiter subscribes to its lock's channel before it blocks; PUBSUB NUMSUB shows it. */
    private static Contender redissonContender(RLock lock, SpinelClient spinel) {
        String channel = "redisson_lock__channel:{" + lock.getName() + "}";
        return new Contender() {
            @Override
            public void acquire() {
                lock.lock(30, TimeUnit.SECONDS);
            }

            @Override
            public void release() {
                lock.unlock();
            }

            @Override
            public boolean isWaiting() {
                return spinel.sync().pubsubNumsub(channel).getOrDefault(channel, 0L) > 0;
            }
        };
    }
}
