package dev.spinel.ops.topology;

import java.util.Locale;

/**
 * What a primary demands before it accepts a write. {@code async} is Redis's default: a write is
 * kept by the primary alone until replication catches up, so a failover may lose the last
 * acknowledged writes. {@code replicated} makes the primary refuse writes while no replica is
 * attached and recent ({@code min-replicas-to-write 1}), so a primary cut off from its replicas
 * stops accepting writes that the new primary would never see; together with the toolkit's
 * replicated writes (acknowledged after WAIT) no acknowledged write is lost on failover.
 */
public enum Durability {
    ASYNC, REPLICATED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Durability parse(String text) {
        return Choices.parse(values(), Durability::id, text, "durability");
    }
}
