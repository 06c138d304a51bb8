package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.admin.NodeAdmin.SlotState;
import dev.spinel.ops.admin.SlotKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.BiPredicate;
import java.util.function.LongConsumer;

/**
 * Moves slots between primaries online, the way the Cluster specification describes: the
 * target imports, the source migrates, the keys go over in MIGRATE batches while clients are
 * redirected with ASK, and every primary is told the new owner. A few dozen slots move together,
 * each step sent for all of them at once, so an empty slot costs a fraction of a round trip.
 * Every step can be repeated: a slot a killed run left half moved is finished by running the
 * same steps again.
 */
final class SlotMigrator implements AutoCloseable {
    static final int DEFAULT_KEYS_PER_BATCH = 100;
    /** Slots moved together; each stays in migration until the whole group is done. */
    static final int SLOTS_PER_GROUP = 32;
    private static final long MIGRATE_TIMEOUT_MILLIS = 10_000;

    private final AdminSession admin;
    private final int keysPerBatch;
    private final Map<String, SlotKeys> sources = new HashMap<>();

    SlotMigrator(AdminSession admin, int keysPerBatch) {
        if (keysPerBatch < 1) {
            throw new IllegalArgumentException("keys per batch must be at least 1, got " + keysPerBatch);
        }
        this.admin = admin;
        this.keysPerBatch = keysPerBatch;
    }

    /**
     * Moves {@code slots} (at most a group's worth) from {@code source} to {@code target} and
     * returns the keys moved.
     *
     * @param primaries every primary, told the new owner at the end so none keeps redirecting to the old one
     * @param movedKeys called after each batch of MIGRATEs with the keys it moved
     */
    long move(List<Integer> slots, ClusterNode source, ClusterNode target, List<ClusterNode> primaries,
              LongConsumer movedKeys) {
        NodeAdmin from = admin.node(source.host(), source.port());
        NodeAdmin to = admin.node(target.host(), target.port());
        // The target imports before the source migrates: a client the source sends on with ASK
        // must find the target ready. Either may be in effect already when a killed run left a
        // slot half moved: a target that claimed the slot before the kill owns it, and the source
        // no longer does.
        settle(to, slots, SlotState.IMPORTING, source.id(), (slot, refusal) -> refusal.contains("already the owner"));
        settle(from, slots, SlotState.MIGRATING, target.id(),
                (slot, refusal) -> refusal.contains("not the owner") && ownedBy(to, slot));
        long moved = moveKeys(slots, source, target, movedKeys);
        // The target first: it stops importing and claims the slots under a new epoch, which wins
        // over the source's claim in gossip. Then the source (which refuses while it holds a key)
        // and the other primaries, one round trip each. A primary drained of its last slot has
        // turned replica of the node that took it (cluster-allow-replica-migration), and refuses
        // SETSLOT: it may learn of its last slots' new owner by gossip before being told, and its
        // keys are gone.
        settle(to, slots, SlotState.NODE, target.id(), (slot, refusal) -> false);
        for (ClusterNode other : primaries) {
            if (!other.id().equals(target.id())) {
                check(other.address(), SlotState.NODE,
                        admin.node(other.host(), other.port()).clusterSetSlots(slots, SlotState.NODE, target.id()),
                        (slot, refusal) -> refusal.contains("only with masters"));
            }
        }
        return moved;
    }

    /**
     * The source's connection for moving keys, opened again if it closed since the last round (the
     * admin client does not reconnect; in CI one closed mid-rebalance, and the run failed on it).
     */
    private SlotKeys keysOf(ClusterNode source) {
        SlotKeys keys = sources.get(source.id());
        if (keys != null && !keys.isOpen()) {
            keys.close();
            keys = null;
        }
        if (keys == null) {
            keys = admin.slotKeys(source.host(), source.port());
            sources.put(source.id(), keys);
        }
        return keys;
    }

    /** Every key of the slots over to the target, a batch of each slot per round. */
    private long moveKeys(List<Integer> slots, ClusterNode source, ClusterNode target, LongConsumer movedKeys) {
        long moved = 0;
        List<Integer> left = slots;
        while (!left.isEmpty()) {
            SlotKeys keys = keysOf(source);
            Map<Integer, List<byte[]>> batch = keys.keysIn(left, keysPerBatch);
            try {
                keys.migrate(batch, target.host(), target.port(), MIGRATE_TIMEOUT_MILLIS);
            } catch (CompletionException e) {
                String message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                throw new SpinelException(SpinelException.Kind.FAILED, "slots " + slots.getFirst() + "-"
                        + slots.getLast() + ": MIGRATE from " + source.address() + " to " + target.address()
                        + " failed: " + message
                        + (message.contains("BUSYKEY") ? " (the target holds a key of its own by that name)" : "")
                        + "; the slots stay half moved and the next rebalance finishes them", e);
            }
            int count = batch.values().stream().mapToInt(List::size).sum();
            moved += count;
            if (count > 0) {
                movedKeys.accept(count);
            }
            // A migrating slot only loses keys (new ones go to the target by ASK), so a slot that
            // gave fewer than a batch is empty now.
            left = batch.entrySet().stream().filter(e -> e.getValue().size() == keysPerBatch).map(Map.Entry::getKey)
                    .toList();
        }
        return moved;
    }

    private static void settle(NodeAdmin node, List<Integer> slots, SlotState state, String peerId,
                               BiPredicate<Integer, String> settled) {
        check(node.address(), state, node.clusterSetSlots(slots, state, peerId), settled);
    }

    /** Fails on the first refusal that {@code settled} does not explain (the move got past that step before). */
    private static void check(String address, SlotState state, Map<Integer, String> refused,
                              BiPredicate<Integer, String> settled) {
        refused.forEach((slot, refusal) -> {
            if (!settled.test(slot, refusal)) {
                throw new SpinelException(SpinelException.Kind.FAILED, "CLUSTER SETSLOT " + slot + " " + state
                        + " on " + address + ": " + refusal);
            }
        });
    }

    private static boolean ownedBy(NodeAdmin node, int slot) {
        return node.clusterNodes().stream().filter(ClusterNode::isMyself).findFirst()
                .map(self -> self.slots().stream().anyMatch(r -> r.first() <= slot && slot <= r.last()))
                .orElse(false);
    }

    @Override
    public void close() {
        sources.values().forEach(SlotKeys::close);
    }
}
