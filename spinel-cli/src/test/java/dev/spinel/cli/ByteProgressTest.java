package dev.spinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ByteProgressTest {
    @Test
    void theLineShowsBytesRateAndTheTimeLeftAgainstTheExpectedTotal() {
        ByteProgress progress = new ByteProgress(new PrintWriter(new StringWriter()), "streaming",
                OptionalLong.of(100L << 20), true);
        String line = progress.line(25L << 20, 2_000_000_000L);
        assertThat(line).contains("25.0 MiB", "12.5 MiB/s", "~6 s left");
        assertThat(new ByteProgress(new PrintWriter(new StringWriter()), "streaming", OptionalLong.empty(), true)
                .line(1024, 1_000_000_000L)).contains("1.0 KiB").doesNotContain("left");
    }

    @Test
    void withoutATerminalNothingIsPrinted() {
        StringWriter text = new StringWriter();
        try (ByteProgress progress = new ByteProgress(new PrintWriter(text), "streaming", OptionalLong.empty(), false)) {
            progress.accept(1L << 30);
        }
        assertThat(text.toString()).isEmpty();
    }
}
