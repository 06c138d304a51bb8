package dev.spinel.ops.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sentinel run ids (40 hex characters, as Sentinel's own) derived from the project id and the
 * node name: stable across re-plans, distinct between projects, and known before any Sentinel runs.
 */
public final class SentinelIds {
    private SentinelIds() {
    }

    public static String of(String projectId, PlannedNode sentinel) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((projectId + "/" + sentinel.name()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
