package dev.spinel.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompressionTest {
    @Test
    void everyCompressionRoundTripsAndShrinksRepetitiveData() throws Exception {
        byte[] data = "REDIS0011 key:value ".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        for (Compression compression : Compression.values()) {
            ByteArrayOutputStream stored = new ByteArrayOutputStream();
            try (OutputStream out = compression.wrap(stored)) {
                out.write(data);
            }
            assertThat(compression.unwrap(new ByteArrayInputStream(stored.toByteArray())).readAllBytes())
                    .as(compression.id()).isEqualTo(data);
            if (compression != Compression.NONE) {
                assertThat(stored.size()).as(compression.id()).isLessThan(data.length / 20);
            }
        }
    }

    @Test
    void namesMapToSuffixesAndBack() {
        assertThat(Compression.of("zstd").suffix()).isEqualTo(".zst");
        assertThat(Compression.ZSTD.strip("appendonly.aof.1.base.rdb.zst")).isEqualTo("appendonly.aof.1.base.rdb");
        assertThat(Compression.NONE.strip("dump.rdb")).isEqualTo("dump.rdb");
        assertThatThrownBy(() -> Compression.of("lz4")).hasMessageContaining("none, gzip or zstd");
    }
}
