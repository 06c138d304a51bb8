package dev.spinel.ops.backup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** How a backup's files are stored: as Redis wrote them, or gzipped. */
public enum Compression {
    NONE(""), GZIP(".gz"), ZSTD(".zst");

    private static final int BUFFER = 64 * 1024;
    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** A stored file's name without this compression's suffix: the name Redis knows it by. */
    public String strip(String storedName) {
        return storedName.endsWith(suffix) ? storedName.substring(0, storedName.length() - suffix.length()) : storedName;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Compression of(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown compression '" + id + "': none, gzip or zstd"));
    }

    /**
     * gzip at its fastest level: on this machine level 6 (the JDK's default) compressed a 108 MiB
     * RDB at about 15 MB/s, slower than the node produced it; level 1 keeps up.
     */
    public OutputStream wrap(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            // zstd's fastest level still compresses an RDB better than gzip level 1, and several times faster.
            case ZSTD -> new BufferedOutputStream(new ZstdOutputStream(out, 1), BUFFER);
        };
    }

    /** Writes {@code stored}'s content, decompressed, to the new file {@code target}. */
    public void decompress(Path stored, Path target) throws IOException {
        try (InputStream in = unwrap(Files.newInputStream(stored))) {
            Files.copy(in, target);
        }
    }

    public InputStream unwrap(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), BUFFER);
        };
    }
}
