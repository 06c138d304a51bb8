package dev.spinel.client.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
    @Test
    void aBulkStringWrittenInPlaceOrPutIntoAnArrayIsWhatTheStreamEncoderWrites() throws IOException {
        // Lengths at each change in the count of digits, and one past the sink's first 64 KiB.
        for (int length : new int[] {0, 1, 9, 10, 99, 100, 999, 1000, 65_535, 70_000, 1_234_567}) {
            byte[] value = new byte[length];
            Arrays.fill(value, (byte) 'v');
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            RespWire.writeBulk(expected, value);
            ByteSink sink = new ByteSink();
            sink.write('+');
            sink.writeBulk(value);
            ByteArrayOutputStream drained = new ByteArrayOutputStream();
            sink.drainTo(drained);
            assertThat(drained.toByteArray()).as("length %d", length)
                    .isEqualTo(("+" + expected.toString(StandardCharsets.ISO_8859_1))
                            .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(ByteSink.bulkSize(length)).as("size of length %d", length).isEqualTo(expected.size());
            byte[] placed = new byte[expected.size() + 3];
            assertThat(ByteSink.putBulk(placed, 2, value, 0, length)).isEqualTo(2 + expected.size());
            assertThat(Arrays.copyOfRange(placed, 2, 2 + expected.size())).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void aDrainedSinkStartsEmpty() throws IOException {
        ByteSink sink = new ByteSink();
        sink.writeBulk("first".getBytes(StandardCharsets.US_ASCII));
        sink.drainTo(new ByteArrayOutputStream());
        sink.writeBulk("second".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        sink.drainTo(drained);
        assertThat(drained.toString(StandardCharsets.US_ASCII)).isEqualTo("$6\r\nsecond\r\n");
    }

    @Test
    void aCommandWrittenInPlaceIsWhatTheStreamEncoderWrites() throws IOException {
        String[] words = new String[21];
        words[0] = "MSET";
        for (int i = 1; i < words.length; i++) {
            words[i] = "w" + i;
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        RespWire.writeCommand(expected, words);
        ByteSink sink = new ByteSink();
        sink.writeArrayHeader(words.length);
        for (String word : words) {
            sink.writeBulk(word.getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        sink.drainTo(drained);
        assertThat(drained.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString(StandardCharsets.US_ASCII))
                .startsWith("*21\r\n$4\r\nMSET\r\n");
    }
}
