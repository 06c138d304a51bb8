package dev.spinel.client.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.testkit.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** The slot of a key as Redis itself computes it: CLUSTER KEYSLOT of a real cluster-enabled node. */
class ClusterSlotsIT {
    @RegisterExtension
    static final RedisServerExtension NODE = new RedisServerExtension("--cluster-enabled", "yes");

    @Test
    void everyKeyGetsTheSlotRedisGivesIt() {
        Random random = new Random(42);
        List<String> keys = new ArrayList<>(List.of("", "{", "}", "{}", "{}a", "a{}", "{a}", "{a}b", "b{a}", "{a}{b}",
                "{{a}}", "}{a}", "a{b}c{d}", "user:{42}:profile", "user:{42}:cart", "ünïcødé", "{ünï}x"));
        String alphabet = "abc{}:_-ü";
        for (int i = 0; i < 5000; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            keys.add(key.toString());
        }
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", NODE.port()),
                DefaultJedisClientConfig.builder().password(NODE.password()).build())) {
            for (String key : keys) {
                int slot = (int) jedis.clusterKeySlot(key);
                assertThat(ClusterSlots.slot(key)).as("slot of '%s'", key).isEqualTo(slot);
                // The key amid other bytes, as it lies in a file's buffer: braces around it must not count.
                byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
                byte[] amid = new byte[utf8.length + 4];
                amid[0] = '{';
                amid[1] = 'x';
                amid[amid.length - 2] = '}';
                System.arraycopy(utf8, 0, amid, 2, utf8.length);
                assertThat(ClusterSlots.slot(amid, 2, utf8.length)).as("slot of '%s' amid bytes", key).isEqualTo(slot);
            }
        }
        assertThat(ClusterSlots.slot("user:{42}:profile")).isEqualTo(ClusterSlots.slot("user:{42}:cart"));
    }
}
