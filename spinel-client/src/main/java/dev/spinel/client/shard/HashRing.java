package dev.spinel.client.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A consistent-hash ring for sharding keys over standalone nodes, Ketama style: every node gets
 * 160 points on a 32-bit circle (four from each of 40 MD5 digests of {@code "<node>-<i>"}), and a
 * key belongs to the first point at or after its own hash (the key's MD5, first four bytes), wrapping
 * around. Adding or removing a node moves only the keys between its points and their
 * predecessors, about 1/N of them. Immutable: {@link #with} and {@link #without} make new rings.
 *
 * @param <N> what a node is to the caller (a name, a connection); its {@code toString()} places it
 */
public final class HashRing<N> {
    /** Points per node, as libketama places them for a node of weight 1. */
    public static final int POINTS_PER_NODE = 160;

    private final List<N> nodes;
    private final NavigableMap<Long, N> points;

    private HashRing(List<N> nodes) {
        this.nodes = List.copyOf(nodes);
        this.points = new TreeMap<>();
        for (N node : this.nodes) {
            for (int digestIndex = 0; digestIndex < POINTS_PER_NODE / 4; digestIndex++) {
                byte[] digest = md5(node + "-" + digestIndex);
                for (int part = 0; part < 4; part++) {
                    // A point another node took first stays with it: the ring never depends on insertion races.
                    points.putIfAbsent(unsigned32(digest, part * 4), node);
                }
            }
        }
    }

    public static <N> HashRing<N> of(Collection<N> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a hash ring needs at least one node");
        }
        if (nodes.stream().map(Object::toString).distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("two nodes place the same points (equal toString()): " + nodes);
        }
        return new HashRing<>(new ArrayList<>(nodes));
    }

    /** The node that owns {@code key}. */
    public N nodeFor(String key) {
        Map.Entry<Long, N> owner = points.ceilingEntry(unsigned32(md5(key), 0));
        return owner != null ? owner.getValue() : points.firstEntry().getValue();
    }

    public List<N> nodes() {
        return nodes;
    }

    /** This ring with one node more. */
    public HashRing<N> with(N node) {
        List<N> more = new ArrayList<>(nodes);
        more.add(node);
        return of(more);
    }

    /** This ring without {@code node}. */
    public HashRing<N> without(N node) {
        List<N> fewer = new ArrayList<>(nodes);
        if (!fewer.remove(node)) {
            throw new IllegalArgumentException(node + " is not on the ring");
        }
        return of(fewer);
    }

    private static long unsigned32(byte[] digest, int offset) {
        return (digest[offset + 3] & 0xffL) << 24 | (digest[offset + 2] & 0xffL) << 16
                | (digest[offset + 1] & 0xffL) << 8 | (digest[offset] & 0xffL);
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
