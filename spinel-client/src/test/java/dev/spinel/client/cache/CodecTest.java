package dev.spinel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CodecTest {
    record Point(int x, int y) {
    }

    @Test
    void bytesRoundTripAsBase64AndGarbageIsADecodeError() {
        byte[] value = {0, 1, 2, (byte) 255};
        String stored = Codec.bytes().encode(value);
        assertThat(stored).isEqualTo("AAEC/w==");
        assertThat(Codec.bytes().decode(stored)).containsExactly(value);
        assertThatThrownBy(() -> Codec.bytes().decode("not base64!")).isInstanceOf(CacheDecodeException.class);
    }

    @Test
    void jsonRoundTripsRecordsAndNamesTheTypeWhenItCannot() {
        JsonCodec<Point> codec = JsonCodec.of(Point.class);
        assertThat(codec.decode(codec.encode(new Point(1, 2)))).isEqualTo(new Point(1, 2));
        assertThatThrownBy(() -> codec.decode("{\"x\": \"one\"}")).isInstanceOf(CacheDecodeException.class)
                .hasMessageContaining("not a Point in JSON");
    }

    @Test
    void regionsCheckTheirDefinition() {
        Region files = Region.of("file-metadata", "file:metadata:{id}", Duration.ofMinutes(5));
        assertThat(files.key("42")).isEqualTo("file:metadata:42");
        assertThat(files.keyGlob("4*")).isEqualTo("file:metadata:4*");
        assertThat(Region.of("status", "replication:status", Duration.ofSeconds(60)).key("")).isEqualTo("replication:status");
        assertThatThrownBy(() -> Region.of("two", "a:{x}:{y}", Duration.ofSeconds(1))).hasMessageContaining("one at most");
        assertThatThrownBy(() -> Region.of("bad name", "a:{x}", Duration.ofSeconds(1))).hasMessageContaining("region name");
        assertThatThrownBy(() -> Region.of("zero", "a:{x}", Duration.ZERO)).hasMessageContaining("ttl");
        assertThatThrownBy(() -> files.withEarlyRefresh(-1)).hasMessageContaining("earlyRefresh");
    }
}
