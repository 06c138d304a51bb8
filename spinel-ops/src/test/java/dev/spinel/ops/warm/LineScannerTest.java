package dev.spinel.ops.warm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineScannerTest {
    private static List<String> lines(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineScanner scanner = new LineScanner(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            while (scanner.advance()) {
                lines.add(scanner.text());
            }
        }
        return lines;
    }

    @Test
    void linesEndAtLfWithOrWithoutCrAndTheLastMayLackOne() throws IOException {
        String longLine = "y".repeat(200_000);
        assertThat(lines("a\r\n\nb\n" + longLine + "\r\nlast")).containsExactly("a", "", "b", longLine, "last");
        assertThat(lines("")).isEmpty();
    }

    @Test
    void markersAndBlanksAreFoundInTheBytes() throws IOException {
        try (LineScanner scanner = new LineScanner(new ByteArrayInputStream(
                "{\"key\":\"k\",\"critical\":true}\n  \t\n{\"key\":\"\u00e9\"}\n".getBytes(StandardCharsets.UTF_8)))) {
            byte[] marker = "\"critical\"".getBytes(StandardCharsets.US_ASCII);
            assertThat(scanner.advance()).isTrue();
            assertThat(scanner.contains(marker)).isTrue();
            assertThat(scanner.advance()).isTrue();
            assertThat(scanner.isBlank()).isTrue();
            assertThat(scanner.advance()).isTrue();
            assertThat(scanner.contains(marker)).isFalse();
            assertThat(scanner.text()).isEqualTo("{\"key\":\"\u00e9\"}");
            assertThat(scanner.advance()).isFalse();
        }
    }
}
