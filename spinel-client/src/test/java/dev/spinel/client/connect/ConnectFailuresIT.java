package dev.spinel.client.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.testkit.FreePorts;
import dev.spinel.testkit.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectFailuresIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Test
    void aWrongPasswordIsATypedErrorThatDoesNotShowThePassword() {
        String uri = "redis://not-the-password@127.0.0.1:" + REDIS.port();
        assertThatThrownBy(() -> SpinelClient.create(uri))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("redis://***@127.0.0.1:" + REDIS.port())
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void anUnreachableNodeIsATypedError() {
        int closed = FreePorts.block(1);
        assertThatThrownBy(() -> SpinelClient.create("redis://127.0.0.1:" + closed))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("127.0.0.1:" + closed);
    }

    @Test
    void withoutAnySentinelTheOptInFallbackConnectsToTheConfiguredPrimary() {
        int nowhere = FreePorts.block(2);
        String sentinels = "redis-sentinel://" + REDIS.password() + "@127.0.0.1:" + nowhere + ",127.0.0.1:" + (nowhere + 1)
                + "/mymaster";
        assertThatThrownBy(() -> SpinelClient.create(sentinels)).isInstanceOf(ConnectException.class);
        try (SpinelClient client = SpinelClient.create(sentinels,
                SpinelClientOptions.builder().directFallback(REDIS.uri()).build())) {
            assertThat(client.mode()).isEqualTo(Mode.STANDALONE);
            client.sync().set("fallback", "works");
            assertThat(client.sync().get("fallback")).isEqualTo("works");
        }
    }

    @Test
    void theRightPasswordConnects() {
        try (SpinelClient client = SpinelClient.create(REDIS.uri())) {
            assertThat(client.sync().ping()).isEqualTo("PONG");
        }
    }
}
