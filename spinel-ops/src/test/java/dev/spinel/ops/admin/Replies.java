package dev.spinel.ops.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Replies captured from real Redis 7.0.15 nodes formed by Spinel (see src/test/resources/replies). */
final class Replies {
    private Replies() {
    }

    static String load(String name) {
        try (InputStream in = Replies.class.getResourceAsStream("/replies/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no captured reply " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
