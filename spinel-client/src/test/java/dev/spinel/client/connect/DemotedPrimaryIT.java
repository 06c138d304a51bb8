package dev.spinel.client.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.client.cache.CacheManager;
import dev.spinel.client.cache.CacheRegion;
import dev.spinel.client.cache.Codec;
import dev.spinel.client.cache.Region;
import dev.spinel.client.lock.Lock;
import dev.spinel.client.lock.LockManager;
import dev.spinel.client.lock.LockNotHeldException;
import dev.spinel.testkit.RedisServerExtension;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The risk the direct fallback's Javadoc names: the node the client is pinned to stops being the
 * primary. A real demotion (REPLICAOF of another node, as Sentinel does to a returning old
 * primary) must turn every write into a typed READ_ONLY refusal, never a silent success or a
 * generic Lettuce error, and reads keep working.
 */
class DemotedPrimaryIT {
    @RegisterExtension
    static final RedisServerExtension DEMOTED = new RedisServerExtension();

    @RegisterExtension
    static final RedisServerExtension NEW_PRIMARY = new RedisServerExtension();

    @Test
    void writesToADemotedPrimaryAreTypedReadOnlyRefusalsAndReadsGoOn() {
        try (SpinelClient client = SpinelClient.create(DEMOTED.uri());
             CacheManager caches = CacheManager.create(client);
             LockManager locks = LockManager.create(client);
             SpinelClient newPrimary = SpinelClient.create(NEW_PRIMARY.uri());
             CacheManager newPrimaryCaches = CacheManager.create(newPrimary)) {
            Region metadata = Region.of("meta", "file:metadata:{id}", Duration.ofMinutes(5));
            CacheRegion<String> region = caches.region(metadata, Codec.strings());
            newPrimaryCaches.region(metadata, Codec.strings()).put("1", "from-new-primary");
            region.put("1", "before-demotion");
            Lock held = locks.acquire("file_upload:1", Duration.ofMinutes(1), Duration.ZERO);

            client.sync().configSet("masterauth", NEW_PRIMARY.password());
            client.sync().replicaof("127.0.0.1", NEW_PRIMARY.port());
            Awaitility.await("the demoted node to finish its sync").atMost(Duration.ofSeconds(20))
                    .until(() -> client.sync().info("replication").contains("master_link_status:up"));

            assertThatThrownBy(() -> region.put("2", "after-demotion")).isInstanceOfSatisfying(
                    RedisRefusedException.class, e -> assertThat(e.reason()).isEqualTo(RedisRefusedException.Reason.READ_ONLY));
            assertThatThrownBy(() -> locks.acquire("file_upload:2", Duration.ofMinutes(1), Duration.ZERO))
                    .isInstanceOfSatisfying(RedisRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RedisRefusedException.Reason.READ_ONLY));
            // The demoted node resynced from the new primary, which never had this lock: not held, said so.
            assertThatThrownBy(held::release).isInstanceOf(LockNotHeldException.class)
                    .hasMessageContaining("a failover lost it");
            assertThatThrownBy(() -> region.getOrLoad("3", () -> "loaded")).as("a load whose result cannot be stored")
                    .isInstanceOf(RedisRefusedException.class);
            // Reads are served by the replica, with the new primary's data: the old value is gone with the resync.
            assertThat(region.get("1")).contains("from-new-primary");
            assertThat(region.get("2")).isEmpty();
        }
    }
}
