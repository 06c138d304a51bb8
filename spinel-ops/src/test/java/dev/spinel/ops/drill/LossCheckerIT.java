package dev.spinel.ops.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.testkit.RedisServerExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A counter that never finds a loss proves nothing: losses planted behind the checker's back must be reported, exactly. */
class LossCheckerIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Test
    void reportsExactlyTheAcknowledgedKeysThatWereDeleted() {
        try (SpinelClient client = SpinelClient.create(REDIS.uri())) {
            AckLedger ledger = new AckLedger();
            for (int i = 0; i < 1234; i++) {
                String key = "drill:test:0:" + i;
                client.sync().set(key, Integer.toString(i));
                ledger.acknowledged(key, System.nanoTime());
            }
            assertThat(LossChecker.lost(client.sync(), ledger.acknowledgedKeys())).isEmpty();

            List<String> planted = IntStream.of(0, 1, 499, 500, 501, 999, 1233).mapToObj(i -> "drill:test:0:" + i).toList();
            client.sync().del(planted.toArray(String[]::new));

            assertThat(LossChecker.lost(client.sync(), ledger.acknowledgedKeys())).containsExactlyElementsOf(planted);
        }
    }
}
