package dev.spinel.client.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

class KeySchemaTest {
    private final KeySchema keys = KeySchema.defaults();

    @Test
    void lockKeysFollowTheDocumentedSchema() {
        assertThat(keys.lockKey("file_upload:42")).isEqualTo("spinel:lock:{file_upload:42}");
        assertThat(keys.lockFenceKey("file_upload:42")).isEqualTo("spinel:lock:{file_upload:42}:fence");
        assertThat(keys.lockReleasedChannel("file_upload:42")).isEqualTo("spinel:lock:{file_upload:42}:released");
        assertThat(keys.lockWaitersKey("file_upload:42")).isEqualTo("spinel:lock:{file_upload:42}:waiters");
    }

    @Test
    void everyKeyOfALockSharesOneClusterSlot() {
        int slot = SlotHash.getSlot(keys.lockKey("orders"));
        assertThat(SlotHash.getSlot(keys.lockFenceKey("orders"))).isEqualTo(slot);
        assertThat(SlotHash.getSlot(keys.lockWaitersKey("orders"))).isEqualTo(slot);
        assertThat(SlotHash.getSlot(keys.lockKey("invoices"))).isNotEqualTo(slot);
    }

    @Test
    void lockNamesComeBackFromTheirKeys() {
        assertThat(keys.lockName(keys.lockKey("a:b"))).isEqualTo("a:b");
        assertThat(keys.lockName(keys.lockFenceKey("a:b"))).isNull();
        assertThat(keys.lockName("other:lock:{a}")).isNull();
    }

    @Test
    void namesThatWouldBreakTheHashTagAreRefused() {
        assertThatThrownBy(() -> keys.lockKey("a{b}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash tags");
        assertThatThrownBy(() -> keys.lockKey("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySchema.withPrefix("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeySchema.withPrefix("app1").lockKey("x")).isEqualTo("app1:lock:{x}");
    }
}
