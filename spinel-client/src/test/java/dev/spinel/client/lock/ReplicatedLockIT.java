package dev.spinel.client.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.testkit.RedisServerExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** REPLICATED locks on a real primary with two replicas: every replica must confirm, not one. */
class ReplicatedLockIT {
    @RegisterExtension
    static final RedisServerExtension PRIMARY = new RedisServerExtension("--repl-diskless-sync-delay", "0");
    @RegisterExtension
    static final RedisServerExtension REPLICA_A = new RedisServerExtension("--masterauth", PRIMARY.password());
    @RegisterExtension
    static final RedisServerExtension REPLICA_B = new RedisServerExtension("--masterauth", PRIMARY.password());

    static SpinelClient client;

    @BeforeAll
    static void replicate() throws Exception {
        for (RedisServerExtension replica : new RedisServerExtension[] {REPLICA_A, REPLICA_B}) {
            try (Jedis jedis = jedis(replica)) {
                jedis.replicaof("127.0.0.1", PRIMARY.port());
            }
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Jedis primary = jedis(PRIMARY)) {
            // Attached is not enough: a replica acknowledges writes only once its first sync is done.
            while (primary.info("replication").split("state=online", -1).length != 3) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the replicas did not attach: " + primary.info("replication"));
                }
                Thread.sleep(10);
            }
        }
        client = SpinelClient.create(PRIMARY.uri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Jedis jedis(RedisServerExtension node) {
        return new Jedis(new HostAndPort("127.0.0.1", node.port()),
                DefaultJedisClientConfig.builder().password(node.password()).build());
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    @Test
    void aLockOnlyOneReplicaOfTwoConfirmedIsRefusedAndUndone() throws Exception {
        try (LockManager locks = LockManager.builder(client).durability(Durability.REPLICATED)
                .replicaAckTimeout(Duration.ofMillis(300)).build()) {
            try (Lock lock = locks.acquire("replicated-both", Duration.ofSeconds(30), Duration.ZERO)) {
                assertThat(locks.info("replicated-both")).isPresent();
            }
            // Frozen, replica B stays attached (connected_slaves still counts it) but acknowledges nothing.
            signal("STOP", REPLICA_B.pid());
            try {
                assertThatThrownBy(() -> locks.acquire("replicated-one", Duration.ofSeconds(30), Duration.ZERO))
                        .isInstanceOf(LockNotReplicatedException.class)
                        .hasMessageContaining("1 of the primary's 2 replicas confirmed it");
                assertThat(locks.info("replicated-one")).as("the half-confirmed acquire was undone").isEmpty();
            } finally {
                signal("CONT", REPLICA_B.pid());
            }
            try (Lock lock = locks.acquire("replicated-again", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
                assertThat(lock.fencingToken()).isPositive();
            }
        }
    }
}
