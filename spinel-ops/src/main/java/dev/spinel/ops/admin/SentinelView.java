package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed forms of the field maps that SENTINEL MASTER, SENTINEL REPLICAS and SENTINEL SENTINELS
 * return ({@code name ip port runid flags ... num-slaves num-other-sentinels quorum}).
 */
public final class SentinelView {
    private SentinelView() {
    }

    /** A monitored primary as one Sentinel sees it. */
    public record Primary(String name, String ip, int port, Set<String> flags, int replicas,
                          int otherSentinels, int quorum, long configEpoch) {
        public String address() {
            return Addresses.of(ip, port);
        }

        /** Flagged subjectively or objectively down, or in a failover. */
        public boolean isDown() {
            return flags.contains("s_down") || flags.contains("o_down") || flags.contains("disconnected");
        }
    }

    /** A replica or another Sentinel as one Sentinel sees it. */
    public record Peer(String ip, int port, String runId, Set<String> flags, String masterLinkStatus) {
        public String address() {
            return Addresses.of(ip, port);
        }

        public boolean isDown() {
            return flags.contains("s_down") || flags.contains("o_down") || flags.contains("disconnected");
        }
    }

    /** The primary's name from a Sentinel's INFO line {@code master0:name=mymaster,status=ok,...}. */
    public static Optional<String> masterName(String infoLine) {
        for (String pair : infoLine.split(",")) {
            if (pair.startsWith("name=")) {
                return Optional.of(pair.substring(5));
            }
        }
        return Optional.empty();
    }

    public static Primary primary(Map<String, String> fields) {
        return new Primary(fields.getOrDefault("name", "?"), fields.getOrDefault("ip", "?"), integer(fields, "port"),
                flags(fields), integer(fields, "num-slaves"), integer(fields, "num-other-sentinels"),
                integer(fields, "quorum"), InfoReply.parseNumber(fields.getOrDefault("config-epoch", "0")));
    }

    public static List<Peer> peers(List<Map<String, String>> entries) {
        return entries.stream().map(SentinelView::peer).toList();
    }

    public static Peer peer(Map<String, String> fields) {
        return new Peer(fields.getOrDefault("ip", "?"), integer(fields, "port"), fields.getOrDefault("runid", ""),
                flags(fields), fields.getOrDefault("master-link-status", ""));
    }

    private static Set<String> flags(Map<String, String> fields) {
        return Arrays.stream(fields.getOrDefault("flags", "").split(",")).filter(f -> !f.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static int integer(Map<String, String> fields, String name) {
        return (int) InfoReply.parseNumber(fields.getOrDefault(name, "0"));
    }
}
