package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import dev.spinel.ops.topology.SlotRange;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One line of CLUSTER NODES:
 * {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping-sent> <pong-recv> <config-epoch> <link-state> <slot> ...}.
 * Slots being migrated ({@code [5461->-<id>]}) and imported ({@code [5461-<-<id>]}) are kept apart
 * from the slots served.
 */
public record ClusterNode(
        String id,
        String host,
        int port,
        int busPort,
        Optional<String> hostname,
        Set<String> flags,
        Optional<String> primaryId,
        long configEpoch,
        boolean linkConnected,
        List<SlotRange> slots,
        List<String> migrations) {

    public ClusterNode {
        flags = Set.copyOf(flags);
        slots = List.copyOf(slots);
        migrations = List.copyOf(migrations);
    }

    public boolean isMyself() {
        return flags.contains("myself");
    }

    public boolean isPrimary() {
        return flags.contains("master");
    }

    public boolean isFailing() {
        return flags.contains("fail") || flags.contains("fail?");
    }

    public boolean inHandshake() {
        return flags.contains("handshake") || flags.contains("noaddr");
    }

    public String address() {
        return Addresses.of(host, port);
    }

    /**
     * A slot this node is moving: {@code [5461->-<target id>]} when it migrates the slot away,
     * {@code [5461-<-<source id>]} when it imports it.
     */
    public record Migration(int slot, boolean importing, String peerId) {
        static Migration parse(String text) {
            String inner = text.substring(1, text.length() - 1);
            boolean importing = inner.contains("-<-");
            String[] parts = inner.split(importing ? "-<-" : "->-", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a slot migration: " + text);
            }
            return new Migration(Integer.parseInt(parts[0]), importing, parts[1]);
        }
    }

    public List<Migration> pendingMigrations() {
        return migrations.stream().map(Migration::parse).toList();
    }

    public int slotCount() {
        return slots.stream().mapToInt(SlotRange::size).sum();
    }
}
