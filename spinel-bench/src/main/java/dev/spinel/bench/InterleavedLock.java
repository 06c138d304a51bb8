package dev.spinel.bench;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.Lock;
import dev.spinel.client.lock.LockManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Uncontended acquire + release on one thread, Spinel against Redisson, in alternating blocks
 * within one process so that the machine's drift hits both alike (see InterleavedCacheRead).
 */
public final class InterleavedLock {
    private static final int BLOCK = 300;
    private static final int BLOCKS = Integer.getInteger("spinel.bench.blocks", 30);

    private InterleavedLock() {
    }

    public static void main(String[] args) {
        RedissonClient redisson = Redisson.create(Target.redissonConfig());
        try (SpinelClient spinel = SpinelClient.create(Target.uri()); LockManager locks = LockManager.create(spinel)) {
            RLock redissonLock = redisson.getLock("bench:interleaved:redisson");
            double[] spinelPerSecond = new double[BLOCKS];
            double[] redissonPerSecond = new double[BLOCKS];
            for (int warm = 0; warm < 5; warm++) {
                timeSpinel(locks);
                timeRedisson(redissonLock);
            }
            double[] ratios = new double[BLOCKS];
            for (int block = 0; block < BLOCKS; block++) {
                spinelPerSecond[block] = timeSpinel(locks);
                redissonPerSecond[block] = timeRedisson(redissonLock);
                ratios[block] = spinelPerSecond[block] / redissonPerSecond[block];
            }
            Arrays.sort(ratios);
            Arrays.sort(spinelPerSecond);
            Arrays.sort(redissonPerSecond);
            System.out.printf("acquire+release, 1 thread: Spinel median %.0f/s, Redisson median %.0f/s; per-block"
                    + " ratio median %.2f (p10 %.2f, p90 %.2f) over %d alternating blocks of %d%n",
                    spinelPerSecond[BLOCKS / 2], redissonPerSecond[BLOCKS / 2], ratios[BLOCKS / 2],
                    ratios[BLOCKS / 10], ratios[BLOCKS * 9 / 10], BLOCKS, BLOCK);
        } finally {
            redisson.shutdown();
        }
    }

    private static double timeSpinel(LockManager locks) {
        long start = System.nanoTime();
        for (int i = 0; i < BLOCK; i++) {
            try (Lock lock = locks.acquire("bench:interleaved:spinel", Duration.ofSeconds(30), Duration.ZERO)) {
                lock.fencingToken();
            }
        }
        return BLOCK / ((System.nanoTime() - start) / 1e9);
    }

    private static double timeRedisson(RLock lock) {
        long start = System.nanoTime();
        for (int i = 0; i < BLOCK; i++) {
            lock.lock(30, TimeUnit.SECONDS);
            lock.unlock();
        }
        return BLOCK / ((System.nanoTime() - start) / 1e9);
    }
}
