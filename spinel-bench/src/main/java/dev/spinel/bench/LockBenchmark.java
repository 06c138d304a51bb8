package dev.spinel.bench;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.Lock;
import dev.spinel.client.lock.LockManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Uncontended acquire + release per second, Spinel's LockManager against Redisson's RLock on the
 * same Redis. Each thread uses a lock of its own, so this measures the cost of the operations,
 * not waiting.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LockBenchmark {

    /** Clients shared by every benchmark thread, as an application would share them. */
    @State(Scope.Benchmark)
    public static class Clients {
        SpinelClient spinel;
        LockManager locks;
        RedissonClient redisson;

        @Setup(Level.Trial)
        public void setUp() {
            spinel = SpinelClient.create(Target.uri());
            locks = LockManager.create(spinel);
            redisson = Redisson.create(Target.redissonConfig());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            locks.close();
            spinel.close();
            redisson.shutdown();
        }
    }

    /** A lock name per benchmark thread. */
    @State(Scope.Thread)
    public static class Names {
        String name;
        RLock redissonLock;

        @Setup(Level.Trial)
        public void setUp(Clients clients, ThreadParams thread) {
            name = "bench:lock:" + thread.getThreadIndex();
            redissonLock = clients.redisson.getLock("redisson:" + name);
        }
    }

    @Benchmark
    @Threads(1)
    public long spinelOneThread(Clients clients, Names names) {
        return spinel(clients, names);
    }

    @Benchmark
    @Threads(8)
    public long spinelEightThreads(Clients clients, Names names) {
        return spinel(clients, names);
    }

    @Benchmark
    @Threads(1)
    public boolean redissonOneThread(Names names) {
        return redisson(names);
    }

    @Benchmark
    @Threads(8)
    public boolean redissonEightThreads(Names names) {
        return redisson(names);
    }

    private static long spinel(Clients clients, Names names) {
        try (Lock lock = clients.locks.acquire(names.name, Duration.ofSeconds(30), Duration.ZERO)) {
            return lock.fencingToken();
        }
    }

    private static boolean redisson(Names names) {
        names.redissonLock.lock(30, TimeUnit.SECONDS);
        names.redissonLock.unlock();
        return true;
    }
}
