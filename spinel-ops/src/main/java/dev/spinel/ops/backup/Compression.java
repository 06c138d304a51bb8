package dev.spinel.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** How a backup's files are stored: as Redis wrote them, or gzipped. */
public enum Compression {
    NONE(""), GZIP(".gz");

    private static final int BUFFER = 64 * 1024;
    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Compression of(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown compression '" + id + "': none or gzip"));
    }

    public OutputStream wrap(OutputStream out) throws IOException {
        return this == GZIP ? new GZIPOutputStream(out, BUFFER) : out;
    }

    public InputStream unwrap(InputStream in) throws IOException {
        return this == GZIP ? new GZIPInputStream(in, BUFFER) : in;
    }
}
