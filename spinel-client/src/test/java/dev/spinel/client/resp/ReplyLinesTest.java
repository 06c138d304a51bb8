package dev.spinel.client.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyLinesTest {
    /** Hands out at most {@code chunk} bytes per read, as a socket may. */
    private static InputStream trickle(String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (at == bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(length, chunk), bytes.length - at);
                System.arraycopy(bytes, at, into, offset, n);
                at += n;
                return n;
            }
        };
    }

    @Test
    void okIsTheSharedStringAndOtherLinesAreDecodedEvenAcrossReads() throws IOException {
        String longError = "-ERR " + "x".repeat(100_000);
        ReplyLines lines = new ReplyLines(trickle("+OK\r\n-MOVED 42 127.0.0.1:7001\r\n" + longError + "\r\n+OK\r\n", 3));
        assertThat(lines.next()).isSameAs(ReplyLines.OK);
        assertThat(lines.next()).isEqualTo("-MOVED 42 127.0.0.1:7001");
        assertThat(lines.next()).isEqualTo(longError);
        assertThat(lines.next()).isSameAs(ReplyLines.OK);
        assertThatThrownBy(lines::next).hasMessageContaining("closed");
    }

    @Test
    void commandsAreWrittenAsArraysOfBulkStrings() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RespWire.writeCommand(out, "SET", "k\u00e9y", "");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("*3\r\n$3\r\nSET\r\n$4\r\nk\u00e9y\r\n$0\r\n\r\n");
        ByteSink sink = new ByteSink();
        RespWire.writeBulk(sink, new byte[70_000]);
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        sink.drainTo(drained);
        assertThat(drained.size()).isEqualTo("$70000\r\n".length() + 70_000 + 2);
    }
}
