package dev.spinel.client.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.client.connect.Mode;
import dev.spinel.client.connect.SpinelClient;
import dev.spinel.testkit.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

class LockManagerIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    static SpinelClient client;
    static LockManager locks;

    @BeforeAll
    static void connect() {
        client = SpinelClient.create(REDIS.uri());
        locks = LockManager.create(client);
    }

    @AfterAll
    static void disconnect() {
        locks.close();
        client.close();
    }

    private static String name(TestInfo test) {
        return test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void aStandaloneNodeIsDetectedAndAnswersTheHealthProbe() {
        assertThat(client.mode()).isEqualTo(Mode.STANDALONE);
        var probe = client.probe();
        assertThat(probe.healthy()).isTrue();
        assertThat(probe.role()).isEqualTo("master");
        assertThat(probe.roundTrip()).isPositive();
    }

    @Test
    void aHeldLockCannotBeTakenAndIsFreeAfterRelease(TestInfo test) {
        String name = name(test);
        try (Lock lock = locks.acquire(name, Duration.ofSeconds(30), Duration.ZERO)) {
            assertThat(locks.tryAcquire(name, Duration.ofSeconds(30))).isEmpty();
            LockInfo info = locks.info(name).orElseThrow();
            assertThat(info.holderToken()).isEqualTo(lock.token());
            assertThat(info.fencingToken()).isEqualTo(lock.fencingToken());
            assertThat(info.remainingLease()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
        }
        assertThat(locks.info(name)).isEmpty();
        Optional<Lock> again = locks.tryAcquire(name, Duration.ofSeconds(30));
        assertThat(again).isPresent();
        again.get().release();
    }

    @Test
    void fencingTokensStrictlyIncrease(TestInfo test) {
        long previous = 0;
        for (int i = 0; i < 20; i++) {
            try (Lock lock = locks.acquire(name(test), Duration.ofSeconds(5), Duration.ZERO)) {
                assertThat(lock.fencingToken()).isGreaterThan(previous);
                previous = lock.fencingToken();
            }
        }
    }

    @Test
    void aReleaseByAHolderWhoseLeaseRanOutLeavesTheNewHolderAlone(TestInfo test) throws Exception {
        String name = name(test);
        Lock stale = locks.acquire(name, Duration.ofMillis(100), Duration.ZERO);
        // The next holder gets the lock when the first lease runs out, woken at its expiry.
        Lock current = locks.acquire(name, Duration.ofSeconds(30), Duration.ofSeconds(5));
        assertThat(current.fencingToken()).isGreaterThan(stale.fencingToken());
        assertThatThrownBy(stale::release).isInstanceOf(LockNotHeldException.class)
                .hasMessageContaining("lease ran out");
        assertThatThrownBy(() -> stale.extend(Duration.ofSeconds(1))).isInstanceOf(LockNotHeldException.class);
        assertThat(locks.info(name).orElseThrow().holderToken()).isEqualTo(current.token());
        current.release();
        assertThatThrownBy(current::release).isInstanceOf(LockNotHeldException.class).hasMessageContaining("twice");
        current.close();
    }

    @Test
    void extendingSetsANewLease(TestInfo test) {
        try (Lock lock = locks.acquire(name(test), Duration.ofMillis(500), Duration.ZERO)) {
            lock.extend(Duration.ofSeconds(20));
            assertThat(locks.info(name(test)).orElseThrow().remainingLease()).isGreaterThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aWaiterIsWokenByTheReleaseNotByTheLeaseRunningOut(TestInfo test) throws Exception {
        String name = name(test);
        Lock held = locks.acquire(name, Duration.ofSeconds(60), Duration.ZERO);
        CompletableFuture<Lock> waiter = CompletableFuture.supplyAsync(
                () -> locks.acquire(name, Duration.ofSeconds(60), Duration.ofSeconds(30)));
        awaitWaiters(name, 1);
        long releasedAt = System.nanoTime();
        held.release();
        Lock next = waiter.get(30, TimeUnit.SECONDS);
        long handOffMillis = (System.nanoTime() - releasedAt) / 1_000_000;
        // Woken by the release message: well before the next poll round (1 s) and the lease (60 s).
        assertThat(handOffMillis).isLessThan(LockManager.MAX_WAIT_ROUND_MILLIS);
        assertThat(next.fencingToken()).isGreaterThan(held.fencingToken());
        next.release();
        assertThat(locks.info(name)).isEmpty();
    }

    @Test
    void aWaiterGivesUpAfterItsTimeoutWithATypedError(TestInfo test) {
        String name = name(test);
        try (Lock held = locks.acquire(name, Duration.ofSeconds(30), Duration.ZERO)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> locks.acquire(name, Duration.ofSeconds(30), Duration.ofMillis(300)))
                    .isInstanceOf(LockTimeoutException.class).hasMessageContaining("waited 300 ms");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(locks.info(name).orElseThrow().waiters()).as("a waiter that gave up leaves").isZero();
        }
    }

    @Test
    void theWatchdogKeepsAShortLeaseAliveWhileTheHolderLives(TestInfo test) {
        String name = name(test);
        try (LockManager watched = LockManager.builder(client).watchdog(true).build();
             Lock lock = watched.acquire(name, Duration.ofMillis(300), Duration.ZERO)) {
            // A competitor waits three leases long and must not get in.
            assertThatThrownBy(() -> locks.acquire(name, Duration.ofSeconds(1), Duration.ofMillis(1000)))
                    .isInstanceOf(LockTimeoutException.class);
            assertThat(locks.info(name).orElseThrow().holderToken()).isEqualTo(lock.token());
        }
        assertThat(locks.info(name)).isEmpty();
    }

    @Test
    void replicatedDurabilityRefusesALockNoReplicaConfirmed(TestInfo test) {
        String name = name(test);
        try (LockManager replicated = LockManager.builder(client).durability(Durability.REPLICATED)
                .replicaAckTimeout(Duration.ofMillis(100)).build()) {
            assertThatThrownBy(() -> replicated.acquire(name, Duration.ofSeconds(30), Duration.ZERO))
                    .isInstanceOf(LockNotReplicatedException.class).hasMessageContaining("released again");
        }
        assertThat(locks.info(name)).as("the unconfirmed acquire was undone").isEmpty();
    }

    @Test
    void eightThreadsNeverOverlap(TestInfo test) throws Exception {
        String name = name(test);
        String counter = "test:" + name + ":counter";
        String inside = "test:" + name + ":inside";
        List<CompletableFuture<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(CompletableFuture.supplyAsync(() -> ExclusionWorker.run(client, locks, name, counter, inside, 25)));
        }
        int overlaps = 0;
        for (CompletableFuture<Integer> worker : workers) {
            overlaps += worker.get(60, TimeUnit.SECONDS);
        }
        assertThat(overlaps).isZero();
        assertThat(client.sync().get(counter)).isEqualTo("200");
    }

    private static void awaitWaiters(String name, long count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (locks.info(name).map(LockInfo::waiters).orElse(0L) < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no waiter registered for " + name);
            }
            Thread.sleep(5);
        }
    }
}
